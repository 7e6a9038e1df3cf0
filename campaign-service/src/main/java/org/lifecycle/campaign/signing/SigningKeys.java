package org.lifecycle.campaign.signing;

import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;

/**
 * Reads signing keys from their setting. In production a missing key stops the service at start with the setting's
 * name, so it never runs with a key anyone could know; development and tests may ask for a random one instead.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /**
     * The keys of a setting, in the order given (the first signs, all verify).
     *
     * @param setting the property name, named in errors and warnings (never the key itself)
     * @param environment the environment variable that sets it, named in the error
     * @param generateWhenMissing development and tests: a random key when none is configured
     * @throws IllegalStateException when no key is configured and none may be generated, or a key is too short
     */
    public static List<SigningKey> load(Optional<List<String>> configured, String setting, String environment,
            boolean generateWhenMissing) {
        List<String> texts = configured.orElse(List.of()).stream().filter(text -> !text.isBlank()).toList();
        if (texts.isEmpty()) {
            if (!generateWhenMissing) {
                throw new IllegalStateException(setting + " is not set: give it a secret of at least "
                        + SigningKey.MIN_LENGTH + " characters through the environment variable " + environment
                        + " (from a Kubernetes secret in production)");
            }
            Log.warnf("%s is not set: using a random key for this run only (development and tests)", setting);
            return List.of(SigningKey.random());
        }
        return texts.stream().map(text -> SigningKey.of(text, setting)).toList();
    }
}
