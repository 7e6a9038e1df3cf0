package org.lifecycle.campaign.journey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something a customer did, as journeys see it: a named event with its properties at its event time. Triggers, goals
 * and {@code wait_until} steps match on it.
 *
 * @param id the {@code lifecycle.events} id, unique; the trigger event of an enrollment never counts as its goal
 * @param name the track event name, e.g. {@code Order Completed}
 * @param occurredAt event time: goal windows are measured on it, not on arrival
 * @param properties the event's properties; never {@code null}
 */
public record JourneyEvent(String id, String name, Instant occurredAt, ObjectNode properties) {

    /** Page and screen calls count as these events, as they do in segment rules. */
    public static final String PAGE_VIEWED = "Page Viewed";
    public static final String SCREEN_VIEWED = "Screen Viewed";

    public JourneyEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(occurredAt, "occurredAt");
        properties = properties == null ? LifecycleJson.mapper().createObjectNode() : properties.deepCopy();
    }

    /**
     * The event a {@code lifecycle.events} record is for a journey: track calls by their name, page and screen calls
     * as {@value #PAGE_VIEWED} and {@value #SCREEN_VIEWED}; empty for identify, group and alias, which change facts,
     * not behaviour.
     */
    public static Optional<JourneyEvent> from(CustomerEvent event) {
        String name = switch (event.type()) {
            case TRACK -> event.event();
            case PAGE -> PAGE_VIEWED;
            case SCREEN -> SCREEN_VIEWED;
            case IDENTIFY, GROUP, ALIAS -> null;
        };
        return name == null
                ? Optional.empty()
                : Optional.of(new JourneyEvent(event.id(), name, event.occurredAt(), event.properties()));
    }
}
