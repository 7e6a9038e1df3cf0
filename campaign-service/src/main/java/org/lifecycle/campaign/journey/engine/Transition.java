package org.lifecycle.campaign.journey.engine;

import java.util.List;
import java.util.Objects;

/** The engine's answer: the enrollment's new state, and what to do about it. */
public record Transition(Enrollment enrollment, List<Effect> effects) {

    public Transition {
        Objects.requireNonNull(enrollment, "enrollment");
        effects = List.copyOf(effects);
    }

    /** Whether the input changed nothing (a replay, a stale timer, an event the enrollment does not await). */
    public boolean unchanged() {
        return effects.isEmpty();
    }
}
