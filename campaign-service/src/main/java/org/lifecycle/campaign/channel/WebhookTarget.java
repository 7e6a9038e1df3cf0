package org.lifecycle.campaign.channel;

import java.net.URI;
import java.util.Objects;

import org.lifecycle.campaign.signing.SigningKey;

/**
 * An HTTP endpoint messages are posted to: an SMS or push provider's webhook, or a generic one.
 *
 * @param name the channel it serves, for logs and the breaker's name
 * @param url where to post
 * @param key what signs each body
 * @param resilience timeout, retries and breaker
 */
public record WebhookTarget(String name, URI url, SigningKey key, Resilience resilience) {

    public WebhookTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(resilience, "resilience");
    }
}
