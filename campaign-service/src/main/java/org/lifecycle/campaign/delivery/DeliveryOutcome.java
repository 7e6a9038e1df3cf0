package org.lifecycle.campaign.delivery;

import java.util.Objects;

/**
 * What a channel made of one message.
 *
 * @param result whether it went out, and if not whether trying again could help
 * @param status the channel's own status in its words (an SMTP reply, a provider's state, an HTTP status)
 * @param providerMessageId the channel's id of the message (SMTP Message-ID, SMS sid), to match later callbacks;
 *        {@code null} when it did not go out
 */
public record DeliveryOutcome(Result result, String status, String providerMessageId) {

    public DeliveryOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
    }

    public enum Result {
        /** The channel accepted the message (an SMTP server's 250, a provider's 2xx). */
        SENT,
        /** The channel refused it for good (a hard bounce, an invalid address, a 4xx other than 408/429): never retried. */
        REJECTED,
        /** It failed after the channel's own retries, timeout or open circuit breaker; it may be tried again later. */
        FAILED
    }

    public static DeliveryOutcome sent(String status, String providerMessageId) {
        return new DeliveryOutcome(Result.SENT, status, providerMessageId);
    }

    public static DeliveryOutcome rejected(String status) {
        return new DeliveryOutcome(Result.REJECTED, status, null);
    }

    public static DeliveryOutcome failed(String status) {
        return new DeliveryOutcome(Result.FAILED, status, null);
    }
}
