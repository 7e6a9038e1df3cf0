package org.lifecycle.ingestion.webhook.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of the JSON a Zendesk webhook sends. Zendesk lets the admin write the body of a trigger's webhook with
 * placeholders, so the fields are found through JSON pointers with a documented default shape, and the value of the
 * {@code event} field is mapped to an event name.
 *
 * @param paths JSON pointer of each field ({@code event}, {@code ticketId}, {@code userId}, {@code email},
 *        {@code occurredAt}, {@code subject}, {@code status}, {@code priority}, {@code satisfactionScore},
 *        {@code satisfactionComment})
 * @param events value of the {@code event} field → the track event it becomes
 */
public record ZendeskSettings(Map<String, String> paths, Map<String, String> events) {

    public static final Map<String, String> DEFAULT_PATHS = defaultPaths();
    public static final Map<String, String> DEFAULT_EVENTS = Map.of("ticket_created", SignalEvents.TICKET_CREATED,
            "ticket_solved", SignalEvents.TICKET_SOLVED, "satisfaction_rated", SignalEvents.SATISFACTION_RATED);
    public static final ZendeskSettings DEFAULTS = new ZendeskSettings(DEFAULT_PATHS, DEFAULT_EVENTS);

    private static Map<String, String> defaultPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("event", "/event");
        paths.put("ticketId", "/ticket/id");
        paths.put("userId", "/requester/external_id");
        paths.put("email", "/requester/email");
        paths.put("occurredAt", "/ticket/updated_at");
        paths.put("subject", "/ticket/subject");
        paths.put("status", "/ticket/status");
        paths.put("priority", "/ticket/priority");
        paths.put("satisfactionScore", "/ticket/satisfaction/score");
        paths.put("satisfactionComment", "/ticket/satisfaction/comment");
        return Map.copyOf(paths);
    }

    public static ZendeskSettings parse(JsonNode settings, List<Violation> violations) {
        SettingsReader reader = new SettingsReader(settings, java.util.Set.of("paths", "events"), violations);
        Map<String, String> paths = reader.strings("paths", DEFAULT_PATHS, DEFAULT_PATHS.keySet(), true);
        Map<String, String> events = new LinkedHashMap<>(
                reader.strings("events", DEFAULT_EVENTS, null, false));
        events.forEach((value, event) -> {
            if (!SignalEvents.ALL.contains(event) || SignalEvents.SURVEY_RESPONDED.equals(event)) {
                violations.add(Violation.of("settings.events." + value, "must be one of " + SignalEvents.TICKET_CREATED
                        + ", " + SignalEvents.TICKET_SOLVED + ", " + SignalEvents.SATISFACTION_RATED));
            }
        });
        return new ZendeskSettings(Map.copyOf(paths), Map.copyOf(events));
    }

    public static ZendeskSettings stored(JsonNode settings) {
        return LifecycleJson.mapper().convertValue(settings, ZendeskSettings.class);
    }

    public JsonNode toJson() {
        return LifecycleJson.mapper().valueToTree(Map.of("paths", paths, "events", events));
    }
}
