package org.lifecycle.campaign.journey.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * What a waiting enrollment waits for.
 *
 * @param stepId the {@code wait} or {@code wait_until} step it is paused at: its position in the journey
 * @param since when it started waiting
 * @param until when the wait ends, or the {@code wait_until} times out
 * @param event the event a {@code wait_until} awaits; {@code null} for a plain wait
 */
public record Waiting(String stepId, Instant since, Instant until, String event) {

    public Waiting {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }
}
