package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.TriggerSignal;

/**
 * A journey as its author wrote it (JOURNEYS.md), read and checked by {@link JourneyParser}. Each saved definition
 * becomes a new {@link JourneyVersion}; the stored JSON is what the author submitted.
 *
 * @param key stable across versions: enrollments, holdout and A/B assignment key on it
 * @param description free text for marketers; {@code null} for none
 * @param goal {@code null} when the journey tracks no conversion
 * @param holdoutPercent the share of entering customers held out as a control group, 0 to below 100
 * @param steps the top-level steps, at least one
 * @param suppressWhileTicketOpen promotional messages wait out an open support ticket (suppressed)
 * @param suppressWhileDetractor promotional messages are suppressed while the customer's latest NPS answer is 0 to 6
 */
public record JourneyDefinition(
        String key,
        String name,
        String description,
        Trigger trigger,
        EntryRule entry,
        Goal goal,
        BigDecimal holdoutPercent,
        List<Step> steps,
        boolean suppressWhileTicketOpen,
        boolean suppressWhileDetractor) {

    public JourneyDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(holdoutPercent, "holdoutPercent");
        if (holdoutPercent.signum() < 0 || holdoutPercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("holdoutPercent must be from 0 to below 100, was " + holdoutPercent);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a journey needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /**
     * Whether a signal starts this journey for the customer it is about; a broadcast run starts only the journey it
     * was scheduled for.
     */
    public boolean triggeredBy(TriggerSignal signal, Contact contact) {
        if (signal instanceof TriggerSignal.BroadcastRun run && !run.journeyKey().equals(key)) {
            return false;
        }
        return trigger.matches(signal, contact);
    }

    /** The send or survey step with the id, wherever it is in the tree; empty when the id names another step. */
    public Optional<Step.Send> send(String stepId) {
        return send(steps, stepId);
    }

    private static Optional<Step.Send> send(List<Step> list, String stepId) {
        for (Step step : list) {
            if (step instanceof Step.Send send && send.id().equals(stepId)) {
                return Optional.of(send);
            }
            for (List<Step> child : step.children()) {
                Optional<Step.Send> found = send(child, stepId);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
