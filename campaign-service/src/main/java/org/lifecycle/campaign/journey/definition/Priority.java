package org.lifecycle.campaign.journey.definition;

/**
 * How much a message matters, from 1 to 100. {@code transactional} (100) is exempt from frequency caps; anything
 * lower is promotional, counts against the caps and, when a cap is reached, waits for the next allowed slot. When
 * several waiting messages compete for a slot, the higher priority goes first.
 */
public record Priority(int value) {

    public static final int MIN = 1;
    public static final int MAX = 100;

    /** What {@code "promotional"} means, and the default. */
    public static final Priority PROMOTIONAL = new Priority(10);
    /** What {@code "transactional"} means. */
    public static final Priority TRANSACTIONAL = new Priority(MAX);

    public Priority {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("priority must be from " + MIN + " to " + MAX + ", was " + value);
        }
    }

    /** Whether the message is exempt from frequency caps (and does not count against them). */
    public boolean transactional() {
        return value == MAX;
    }
}
