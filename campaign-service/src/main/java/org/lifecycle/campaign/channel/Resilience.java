package org.lifecycle.campaign.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * The protection of one outside endpoint (an SMTP server, a webhook URL): a timeout per attempt, retries with
 * exponential backoff, and a circuit breaker that stops calling an endpoint that keeps failing.
 *
 * @param timeout how long one attempt may take
 * @param retries attempts after the first
 * @param initialBackoff the wait before the first retry, doubling after each
 * @param maxBackoff the longest wait between attempts
 * @param breakerWindow how many of the latest attempts the breaker judges
 * @param breakerFailureRatio the share of failures in the window that opens the breaker
 * @param breakerDelay how long the breaker stays open before one call may try again
 */
public record Resilience(Duration timeout, int retries, Duration initialBackoff, Duration maxBackoff,
        int breakerWindow, double breakerFailureRatio, Duration breakerDelay) {

    public Resilience {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(breakerDelay, "breakerDelay");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        if (breakerWindow < 1) {
            throw new IllegalArgumentException("breakerWindow must be at least 1, was " + breakerWindow);
        }
        if (!(breakerFailureRatio > 0 && breakerFailureRatio <= 1)) {
            throw new IllegalArgumentException("breakerFailureRatio must be above 0 and at most 1, was "
                    + breakerFailureRatio);
        }
    }

    public static Resilience of(DeliverySettings.Guard settings) {
        return new Resilience(settings.timeout(), settings.retries(), settings.initialBackoff(),
                settings.maxBackoff(), settings.breakerWindow(), settings.breakerFailureRatio(),
                settings.breakerDelay());
    }
}
