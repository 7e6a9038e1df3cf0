package org.lifecycle.campaign.journey.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.contracts.dispatch.Channel;

/**
 * What the runtime must do after a step of the engine, in order, in the same transaction as saving the enrollment's
 * new state: the engine decides, the runtime writes.
 */
public sealed interface Effect {

    /**
     * Put a message in the send ledger (unique on {@code key}) for the send policy and the channel.
     *
     * @param variant the variant of the nearest split the step runs in; {@code null} outside splits
     * @param offer the win-back offer computed for the customer; {@code null} when the step carries none
     * @param recommendations the cross-sell products to fill in; {@code null} when the step asks for none
     */
    record SendMessage(SendKey key, Channel channel, String template, Priority priority, String variant, Offer offer,
            Recommendations recommendations) implements Effect {

        public SendMessage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(priority, "priority");
        }
    }

    /**
     * What a message's "customers who bought X also bought Y" block is based on; the runtime fills it with
     * {@link org.lifecycle.campaign.journey.offer.CrossSell} from what analytics published.
     *
     * @param basedOn the product ids of the event that started the enrollment (an order's products, a viewed
     *        product); empty when it had none, and then the fallback list fills the block
     */
    record Recommendations(List<String> basedOn, int count) {

        public Recommendations {
            basedOn = List.copyOf(basedOn);
        }
    }

    /**
     * Wake the enrollment at {@code at} with {@link Input.TimerDue}; it replaces any earlier timer of the enrollment
     * (an enrollment has at most one, {@link Enrollment#wakeAt()}).
     *
     * @param stepId the waiting step; {@code null} for the end of the goal window
     */
    record ScheduleTimer(Instant at, String stepId) implements Effect {

        public ScheduleTimer {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The customer reached a step (for the journey's step-by-step report). */
    record StepEntered(String stepId) implements Effect {

        public StepEntered {
            Objects.requireNonNull(stepId, "stepId");
        }
    }

    /**
     * The customer left a step, and how: {@code queued} (send), {@code elapsed} (wait), {@code event} or
     * {@code timeout} (wait_until), {@code then} or {@code else} (branch), the variant key (split), {@code sunset}.
     */
    record StepExited(String stepId, String outcome) implements Effect {

        public StepExited {
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The customer entered in a control group and gets nothing; their conversions are still tracked. */
    record HeldOut(Group group) implements Effect {

        public HeldOut {
            Objects.requireNonNull(group, "group");
        }
    }

    /** The goal event happened in the goal window: a conversion, credited to the group and the variants. */
    record Converted(String eventId, Instant occurredAt, Group group, Map<String, String> variants)
            implements
                Effect {

        public Converted {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(group, "group");
            variants = Map.copyOf(variants);
        }
    }

    /**
     * The enrollment left the journey.
     *
     * @param stepId the {@code exit} step, for {@link ExitReason#EXIT_STEP}; {@code null} otherwise
     */
    record Exited(ExitReason reason, String stepId) implements Effect {

        public Exited {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Stop promotional messages to the customer on a channel, until they engage with it again. */
    record SunsetChannel(Channel channel) implements Effect {

        public SunsetChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }
}
