package org.lifecycle.campaign.journey.engine;

import java.util.Objects;

/** Whether a signal enrolls a customer in a journey. */
public sealed interface EntryDecision {

    /** Enroll: store {@code enrollment}, then give it {@link Input.TriggerReceived} to run its first steps. */
    record Enter(Enrollment enrollment) implements EntryDecision {

        public Enter {
            Objects.requireNonNull(enrollment, "enrollment");
        }
    }

    /** Do not enroll, and why. */
    record Skip(SkipReason reason, String detail) implements EntryDecision {

        public Skip {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
