package org.lifecycle.campaign.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret for HMAC-SHA256: signs tracking tokens and webhook bodies. Its text never leaves it: {@link #toString()}
 * hides it, so a key that ends up in a log line or an exception message shows nothing.
 */
public final class SigningKey {

    /** Shorter secrets are guessable offline from one signed token. */
    public static final int MIN_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec spec;

    private SigningKey(byte[] secret) {
        this.spec = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * A key from its configured text, used as UTF-8 bytes (so a provider configured with the same text verifies the
     * same signatures).
     *
     * @param setting the setting it came from, named in the error when it is too short
     */
    public static SigningKey of(String secret, String setting) {
        Objects.requireNonNull(secret, setting);
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException(setting + " must be at least " + MIN_LENGTH + " characters long");
        }
        return new SigningKey(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A random key, for development and tests only: what it signed cannot be verified after a restart. */
    public static SigningKey random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SigningKey(Base64.getUrlEncoder().withoutPadding().encode(bytes));
    }

    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public String signHex(String data) {
        return HexFormat.of().formatHex(sign(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code signature} is this key's signature of {@code data}, compared in constant time. */
    public boolean verifies(byte[] data, byte[] signature) {
        return MessageDigest.isEqual(sign(data), signature);
    }

    @Override
    public String toString() {
        return "SigningKey[hidden]";
    }
}
