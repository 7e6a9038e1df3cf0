package org.lifecycle.campaign.journey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something that may start a journey for one customer: a record read from a topic, or a broadcast coming due. The
 * consumers turn records into signals with the {@code of} factories; entry decisions match them against triggers.
 */
public sealed interface TriggerSignal {

    /** Unique per signal: a redelivered record gives the same id, and so the same enrollment id. */
    String id();

    String customerKey();

    /** Event time: an enrollment's goal window starts here. */
    Instant occurredAt();

    /** What branch and goal conditions read as {@code event.*}: an event's properties, empty for other signals. */
    default ObjectNode properties() {
        return LifecycleJson.mapper().createObjectNode();
    }

    /** A customer entered a lifecycle stage. */
    record StageEntered(String id, String customerKey, Instant occurredAt, String stage) implements TriggerSignal {

        public StageEntered {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(stage, "stage");
        }
    }

    /** A customer entered ({@code entered}) or left a segment. */
    record SegmentChanged(String id, String customerKey, Instant occurredAt, String segmentKey, boolean entered)
            implements
                TriggerSignal {

        public SegmentChanged {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(segmentKey, "segmentKey");
        }
    }

    /** A customer did something. */
    record EventOccurred(String customerKey, JourneyEvent event) implements TriggerSignal {

        public EventOccurred {
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String id() {
            return event.id();
        }

        @Override
        public Instant occurredAt() {
            return event.occurredAt();
        }

        @Override
        public ObjectNode properties() {
            return event.properties();
        }
    }

    /** A broadcast journey's run came due for one member of its segment. */
    record BroadcastRun(String journeyKey, String customerKey, Instant occurredAt) implements TriggerSignal {

        public BroadcastRun {
            Objects.requireNonNull(journeyKey, "journeyKey");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        /** One id per run and customer: a run repeated after a crash enrolls nobody twice. */
        @Override
        public String id() {
            return "broadcast:" + journeyKey + ":" + occurredAt + ":" + customerKey;
        }
    }

    /** A {@code stage.changed} record as a signal; empty for {@code profile.merged}, which enters no stage anew. */
    static Optional<TriggerSignal> of(StageTransition transition) {
        if (transition.type() != TransitionType.STAGE_CHANGED) {
            return Optional.empty();
        }
        return Optional.of(new StageEntered(transition.id(), transition.identityKey(), transition.occurredAt(),
                transition.toStage()));
    }

    static TriggerSignal of(MembershipChange change) {
        return new SegmentChanged(change.id(), change.identityKey(), change.occurredAt(), change.segmentKey(),
                change.entered());
    }

    /** A track, page or screen event as a signal; empty for identify, group and alias. */
    static Optional<TriggerSignal> of(CustomerEvent event) {
        return JourneyEvent.from(event).map(journeyEvent -> new EventOccurred(event.identityKey(), journeyEvent));
    }
}
