package org.lifecycle.campaign.journey.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.Goal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One customer's passage through one journey version: what the runtime stores between two inputs, one row per
 * enrollment. Enrollments are values; the engine returns a new one for every input.
 *
 * @param enrollmentId a name-based id of journey, customer and trigger ({@link #idFor}), so a replayed trigger yields
 *        the same enrollment and the store's unique key refuses it
 * @param journeyVersion the version entered; the enrollment runs on it to the end
 * @param group treatment, or a control group that gets nothing
 * @param waiting what a {@link EnrollmentStatus#WAITING} enrollment waits for, and its position; {@code null}
 *        otherwise
 * @param variants the variant assigned at each split passed, by split step id
 * @param triggerId the id of the signal that started it: that event never counts as the goal
 * @param triggerProperties the starting event's properties, which branch conditions read as {@code event.*}
 * @param enteredAt the trigger's event time (never later than when it was processed): the goal window starts here
 * @param goalDeadline the end of the goal window, exclusive; {@code null} when the journey has no goal
 * @param exitedAt when it left; {@code null} while it has not
 * @param exitReason why it left; {@code null} while it has not
 */
public record Enrollment(
        String enrollmentId,
        String journeyKey,
        int journeyVersion,
        String customerKey,
        Group group,
        EnrollmentStatus status,
        Waiting waiting,
        Map<String, String> variants,
        String triggerId,
        ObjectNode triggerProperties,
        Instant enteredAt,
        Instant goalDeadline,
        Instant exitedAt,
        ExitReason exitReason) {

    public Enrollment {
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        Objects.requireNonNull(journeyKey, "journeyKey");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        variants = Map.copyOf(variants);
        Objects.requireNonNull(triggerId, "triggerId");
        triggerProperties = triggerProperties == null
                ? LifecycleJson.mapper().createObjectNode()
                : triggerProperties.deepCopy();
        Objects.requireNonNull(enteredAt, "enteredAt");
        if ((status == EnrollmentStatus.WAITING) != (waiting != null)) {
            throw new IllegalArgumentException("waiting is set exactly when the status is waiting");
        }
        if ((status == EnrollmentStatus.EXITED) != (exitReason != null && exitedAt != null)) {
            throw new IllegalArgumentException("exitReason and exitedAt are set exactly when the status is exited");
        }
        if (status == EnrollmentStatus.AWAITING_GOAL && goalDeadline == null) {
            throw new IllegalArgumentException("only a journey with a goal awaits it");
        }
    }

    /**
     * A new enrollment, not started yet.
     *
     * @param enteredAt the trigger's event time, as the entry decision settled it
     */
    public static Enrollment begin(JourneyVersion journey, TriggerSignal signal, Group group, Instant enteredAt) {
        Goal goal = journey.definition().goal();
        Instant deadline = goal == null ? null : enteredAt.plus(Duration.ofDays(goal.withinDays()));
        return new Enrollment(idFor(journey.key(), signal.customerKey(), signal.id()), journey.key(),
                journey.version(), signal.customerKey(), group, EnrollmentStatus.NEW, null, Map.of(), signal.id(),
                signal.properties(), enteredAt, deadline, null, null);
    }

    /**
     * The enrollment id for a journey, a customer and a trigger: an RFC 4122 version 3 UUID of the three, so the same
     * trigger processed twice gives the same id. The journey version is left out on purpose: a trigger replayed after
     * a new version was activated must not enroll the customer a second time.
     */
    public static String idFor(String journeyKey, String customerKey, String triggerId) {
        return UUID.nameUUIDFromBytes((journeyKey + "\n" + customerKey + "\n" + triggerId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether the enrollment is still in its journey: a customer has at most one such per journey. */
    public boolean active() {
        return status != EnrollmentStatus.EXITED;
    }

    /**
     * The one moment the enrollment's timer is due ({@code TimerDue}), {@code null} when none: the end of its wait, or
     * of its goal window once its steps are done. The store keeps it in an indexed column, and a sweep claims the due
     * rows, so waits survive restarts.
     */
    public Instant wakeAt() {
        return switch (status) {
            case WAITING -> waiting.until();
            case AWAITING_GOAL -> goalDeadline;
            case NEW, EXITED -> null;
        };
    }

    /**
     * Whether an event time falls in the goal window: strictly after entering, since the event that caused the
     * trigger (the order that made a customer {@code new_customer}) carries the trigger's own time and must not count;
     * before the deadline.
     */
    public boolean inGoalWindow(Instant at) {
        return goalDeadline != null && at.isAfter(enteredAt) && at.isBefore(goalDeadline);
    }

    Enrollment waitingFor(Waiting next) {
        return with(EnrollmentStatus.WAITING, next, variants, null, null);
    }

    Enrollment awaitingGoal() {
        return with(EnrollmentStatus.AWAITING_GOAL, null, variants, null, null);
    }

    Enrollment exited(ExitReason reason, Instant at) {
        return with(EnrollmentStatus.EXITED, null, variants, at, reason);
    }

    Enrollment withVariant(String splitId, String variant) {
        Map<String, String> assigned = new HashMap<>(variants);
        assigned.put(splitId, variant);
        return new Enrollment(enrollmentId, journeyKey, journeyVersion, customerKey, group, status, waiting, assigned,
                triggerId, triggerProperties, enteredAt, goalDeadline, exitedAt, exitReason);
    }

    private Enrollment with(EnrollmentStatus nextStatus, Waiting nextWaiting, Map<String, String> nextVariants,
            Instant nextExitedAt, ExitReason nextExitReason) {
        return new Enrollment(enrollmentId, journeyKey, journeyVersion, customerKey, group, nextStatus, nextWaiting,
                nextVariants, triggerId, triggerProperties, enteredAt, goalDeadline, nextExitedAt, nextExitReason);
    }
}
