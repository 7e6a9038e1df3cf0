package org.lifecycle.campaign.journey.definition;

/** Whether a customer may enter a journey more than once. */
public sealed interface EntryRule {

    /** {@code {"type": "once"}}, the default: a customer enters at most once, ever. */
    record Once() implements EntryRule {
    }

    /**
     * {@code {"type": "again_after_days", "days": 30}}: again, but only once {@code days} days have passed since the
     * previous entry, and never while still in the journey.
     */
    record AgainAfterDays(int days) implements EntryRule {

        public AgainAfterDays {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1, was " + days);
            }
        }
    }
}
