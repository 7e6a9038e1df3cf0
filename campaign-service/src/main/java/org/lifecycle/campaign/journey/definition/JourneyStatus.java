package org.lifecycle.campaign.journey.definition;

import java.util.Set;

/**
 * Where a journey is in its life, as marketers move it with activate, pause and archive.
 * <ul>
 * <li>{@code draft}: saved, enrolls nobody.</li>
 * <li>{@code active}: enrolls customers its trigger matches; enrollments run.</li>
 * <li>{@code paused}: enrolls nobody; enrollments keep their place and their due timers wait, to run when the
 * journey is active again.</li>
 * <li>{@code archived}: for good; its enrollments are stopped.</li>
 * </ul>
 */
public enum JourneyStatus {

    DRAFT, ACTIVE, PAUSED, ARCHIVED;

    /** Whether a journey in this status may be moved to {@code target}. */
    public boolean canBecome(JourneyStatus target) {
        Set<JourneyStatus> allowed = switch (this) {
            case DRAFT -> Set.of(ACTIVE, ARCHIVED);
            case ACTIVE -> Set.of(PAUSED, ARCHIVED);
            case PAUSED -> Set.of(ACTIVE, ARCHIVED);
            case ARCHIVED -> Set.of();
        };
        return allowed.contains(target);
    }

    /** Whether new customers enter it. */
    public boolean enrolls() {
        return this == ACTIVE;
    }

    /** Whether its enrollments' timers and awaited events are processed now. */
    public boolean runs() {
        return this == ACTIVE;
    }
}
