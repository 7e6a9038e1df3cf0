package org.lifecycle.contracts.transition;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;

/**
 * A value of {@code lifecycle.transitions}: a customer moved from one lifecycle stage to another. Segmentation
 * publishes it through its outbox; campaigns start stage journeys on it and analytics builds stage flows from it.
 *
 * @param occurredAt the event time of the change: the order's time, or the moment a time threshold passed, so a
 *        historical import yields the same transitions as live traffic
 * @param receivedAt when segmentation computed the change
 * @param profileId segmentation's id of the customer's profile, stable across identity merges
 * @param fromStage the stage left; {@code null} for a customer's first stage
 * @param toStage the stage entered
 * @param since when the customer's time in {@code toStage} starts counting; stage durations are measured from it
 * @param modelVersion the version of the stage model that decided, so a model change can be told from behaviour
 * @param reactivation whether a lapsed or at-risk customer came back (a win-back success)
 * @param mergedProfileId on {@code profile.merged}: the profile that was merged into {@code profileId} and no longer
 *        exists; consumers move what they keep of it to {@code profileId}. {@code null} on {@code stage.changed}
 */
public record StageTransition(
        String id,
        TransitionType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        String profileId,
        String identityKey,
        String fromStage,
        String toStage,
        Instant since,
        Cause cause,
        int modelVersion,
        boolean reactivation,
        String mergedProfileId) implements Envelope {

    public static final int VERSION = 1;

    public StageTransition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(toStage, "toStage");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(cause, "cause");
        if ((type == TransitionType.PROFILE_MERGED) != (mergedProfileId != null)) {
            throw new IllegalArgumentException("mergedProfileId is required on profile.merged and only there");
        }
    }

    /** A {@code stage.changed} record. */
    public StageTransition(String id, Instant occurredAt, Instant receivedAt, String profileId, String identityKey,
            String fromStage, String toStage, Instant since, Cause cause, int modelVersion, boolean reactivation) {
        this(id, TransitionType.STAGE_CHANGED, VERSION, occurredAt, receivedAt, profileId, identityKey, fromStage,
                toStage, since, cause, modelVersion, reactivation, null);
    }

    /**
     * Why the stage changed.
     *
     * @param eventId the {@code lifecycle.events} id that triggered the change, for {@code event} causes
     * @param rule the stage rule that matched, e.g. {@code at_risk: no order for 90 days}
     */
    public record Cause(CauseKind kind, String eventId, String rule) {

        public Cause {
            Objects.requireNonNull(kind, "kind");
        }

        /** A change triggered by an event under a rule. */
        public static Cause event(String eventId, String rule) {
            return new Cause(CauseKind.EVENT, eventId, rule);
        }

        /** A change because time passed a rule's threshold. */
        public static Cause time(String rule) {
            return new Cause(CauseKind.TIME, null, rule);
        }

        /** A change because two profiles turned out to be one customer; {@code eventId} is the joining event. */
        public static Cause merge(String eventId, String rule) {
            return new Cause(CauseKind.MERGE, eventId, rule);
        }

        /** A change because a new stage model version was activated. */
        public static Cause model(String rule) {
            return new Cause(CauseKind.MODEL, null, rule);
        }
    }
}
