package org.lifecycle.campaign.journey.definition;

import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.condition.Condition;

/**
 * What the journey is for: an event within a number of days of entering ({@code Order Completed} within 7 days). When
 * it happens the customer converts and leaves the journey; held-out customers are tracked the same way, so the two
 * groups' conversion rates compare.
 *
 * @param where a condition on the goal event's properties and the contact; {@code null} for none
 */
public record Goal(String event, int withinDays, Condition where) {

    public Goal {
        Objects.requireNonNull(event, "event");
        if (withinDays < 1) {
            throw new IllegalArgumentException("withinDays must be at least 1, was " + withinDays);
        }
    }

    /** Whether an event is this goal, whatever its time: the engine checks the window. */
    public boolean matches(JourneyEvent candidate, Contact contact) {
        return event.equals(candidate.name()) && (where == null || where.test(contact, candidate.properties()));
    }
}
