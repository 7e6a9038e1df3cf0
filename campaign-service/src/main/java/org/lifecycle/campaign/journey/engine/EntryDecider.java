package org.lifecycle.campaign.journey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.EntryRule;
import org.lifecycle.campaign.journey.definition.JourneyVersion;

/**
 * Decides whether a signal enrolls a customer in a journey, and in which group: the journey's trigger, its entry rule
 * against the customer's earlier enrollments, then the global control group and the journey's holdout by stable hash.
 * Pure: the runtime gives it the active version, the contact, the customer's enrollments in the journey and now.
 */
public final class EntryDecider {

    private final GlobalControl globalControl;
    private final Duration maxTriggerAge;

    /**
     * @param maxTriggerAge how old a signal may be (by event time) and still enroll, so that a replayed topic or a
     *        historical import never sends messages about the past
     */
    public EntryDecider(GlobalControl globalControl, Duration maxTriggerAge) {
        this.globalControl = Objects.requireNonNull(globalControl, "globalControl");
        this.maxTriggerAge = Objects.requireNonNull(maxTriggerAge, "maxTriggerAge");
    }

    /**
     * @param prior the customer's enrollments in this journey, any version, active or not
     */
    public EntryDecision decide(JourneyVersion journey, TriggerSignal signal, Contact contact, List<Enrollment> prior,
            Instant now) {
        if (!journey.definition().triggeredBy(signal, contact)) {
            return new EntryDecision.Skip(SkipReason.TRIGGER_NOT_MATCHED, "not the trigger of " + journey.key());
        }
        if (contact.deleted()) {
            return new EntryDecision.Skip(SkipReason.CUSTOMER_DELETED, "the customer was erased");
        }
        if (signal.occurredAt().isBefore(now.minus(maxTriggerAge))) {
            return new EntryDecision.Skip(SkipReason.STALE_TRIGGER,
                    "occurred at " + signal.occurredAt() + ", more than " + maxTriggerAge + " before " + now);
        }
        Instant enteredAt = signal.occurredAt().isAfter(now) ? now : signal.occurredAt();
        List<Enrollment> earlier = prior.stream()
                .filter(enrollment -> enrollment.journeyKey().equals(journey.key())
                        && enrollment.customerKey().equals(signal.customerKey()))
                .toList();
        if (earlier.stream().anyMatch(Enrollment::active)) {
            return new EntryDecision.Skip(SkipReason.ALREADY_IN_JOURNEY, "still in " + journey.key());
        }
        Instant lastEntry = earlier.stream().map(Enrollment::enteredAt).max(Instant::compareTo).orElse(null);
        if (lastEntry != null) {
            switch (journey.definition().entry()) {
                case EntryRule.Once once -> {
                    return new EntryDecision.Skip(SkipReason.ENTERED_BEFORE, "entered once already, at " + lastEntry);
                }
                case EntryRule.AgainAfterDays again -> {
                    Instant eligible = lastEntry.plus(Duration.ofDays(again.days()));
                    if (enteredAt.isBefore(eligible)) {
                        return new EntryDecision.Skip(SkipReason.TOO_SOON, "may enter again from " + eligible);
                    }
                }
            }
        }
        Group group = globalControl.contains(signal.customerKey())
                ? Group.GLOBAL_CONTROL
                : Assignments.heldOut(journey.key(), signal.customerKey(), journey.definition().holdoutPercent())
                        ? Group.HOLDOUT
                        : Group.TREATMENT;
        return new EntryDecision.Enter(Enrollment.begin(journey, signal, group, enteredAt));
    }
}
