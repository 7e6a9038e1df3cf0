package org.lifecycle.campaign.journey.definition;

import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.condition.Condition;

/** What starts a journey for a customer. */
public sealed interface Trigger {

    /** Whether a signal starts this trigger for the customer it is about. */
    boolean matches(TriggerSignal signal, Contact contact);

    /** {@code {"type": "stage_entered", "stage": "new_customer"}}. */
    record StageEntered(String stage) implements Trigger {

        public StageEntered {
            Objects.requireNonNull(stage, "stage");
        }

        @Override
        public boolean matches(TriggerSignal signal, Contact contact) {
            return signal instanceof TriggerSignal.StageEntered entered && entered.stage().equals(stage);
        }
    }

    /** {@code {"type": "segment_entered", "segment": "rfm.champions"}}, the key as on {@code lifecycle.memberships}. */
    record SegmentEntered(String segment) implements Trigger {

        public SegmentEntered {
            Objects.requireNonNull(segment, "segment");
        }

        @Override
        public boolean matches(TriggerSignal signal, Contact contact) {
            return signal instanceof TriggerSignal.SegmentChanged change && change.entered()
                    && change.segmentKey().equals(segment);
        }
    }

    /** {@code {"type": "segment_exited", "segment": "behaviour.engaged"}}. */
    record SegmentExited(String segment) implements Trigger {

        public SegmentExited {
            Objects.requireNonNull(segment, "segment");
        }

        @Override
        public boolean matches(TriggerSignal signal, Contact contact) {
            return signal instanceof TriggerSignal.SegmentChanged change && !change.entered()
                    && change.segmentKey().equals(segment);
        }
    }

    /**
     * {@code {"type": "event", "event": "Checkout Started", "where": {...}}}.
     *
     * @param where a condition on the event's properties ({@code event.*}) and the contact; {@code null} for none
     */
    record OnEvent(String event, Condition where) implements Trigger {

        public OnEvent {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean matches(TriggerSignal signal, Contact contact) {
            return signal instanceof TriggerSignal.EventOccurred occurred && occurred.event().name().equals(event)
                    && (where == null || where.test(contact, occurred.properties()));
        }
    }

    /**
     * {@code {"type": "broadcast", "segment": "behaviour.engaged", "at": ...}} or {@code "schedule": {...}}: every
     * member of the segment, when the schedule comes due. A run is offered to members only; this checks again, since
     * membership may have changed since the run listed them.
     */
    record Broadcast(String segment, BroadcastSchedule schedule) implements Trigger {

        public Broadcast {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(schedule, "schedule");
        }

        @Override
        public boolean matches(TriggerSignal signal, Contact contact) {
            return signal instanceof TriggerSignal.BroadcastRun && contact.segments().contains(segment);
        }
    }
}
