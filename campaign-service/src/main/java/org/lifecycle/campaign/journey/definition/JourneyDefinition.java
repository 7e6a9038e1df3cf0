package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

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
        boolean suppressWhileTicketOpen) {

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
}
