package org.lifecycle.campaign.journey.engine;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.campaign.journey.JourneyEvent;

/** What moves an enrollment on. */
public sealed interface Input {

    /** The enrollment was just created by an entry decision: run its first steps (or hold it out). */
    record TriggerReceived() implements Input {
    }

    /**
     * The enrollment's timer came due.
     *
     * @param at the wake-up moment the timer was scheduled for ({@link Enrollment#wakeAt()}); a timer that no longer
     *        matches (the awaited event came first, or it fired already) changes nothing
     */
    record TimerDue(Instant at) implements Input {

        public TimerDue {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The customer did something: it may be the goal (conversion and exit) or what a {@code wait_until} awaits.
     * Everything the customer does may be offered; what concerns neither changes nothing.
     */
    record EventObserved(JourneyEvent event) implements Input {

        public EventObserved {
            Objects.requireNonNull(event, "event");
        }
    }

    /** End the enrollment from outside: the customer was erased or the journey archived. */
    record Stop(ExitReason reason) implements Input {

        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
