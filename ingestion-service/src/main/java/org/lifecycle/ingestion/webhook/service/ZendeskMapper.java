package org.lifecycle.ingestion.webhook.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a Zendesk webhook body into a {@code Ticket Created}, {@code Ticket Solved} or {@code Satisfaction Rated}
 * track event, reading each field at its configured JSON pointer. The message id is made of the ticket, the event and
 * its time, so Zendesk's retries of one notification are one message.
 */
public final class ZendeskMapper {

    private ZendeskMapper() {
    }

    public static ObjectNode map(JsonNode payload, ZendeskSettings settings, Instant signedAt,
            List<Violation> violations) {
        if (!payload.isObject()) {
            violations.add(Violation.of("body", "must be a JSON object"));
            return null;
        }
        Map<String, String> paths = settings.paths();
        String eventValue = read(payload, paths, "event");
        String event = eventValue == null ? null : settings.events().get(eventValue);
        if (event == null) {
            violations.add(Violation.of(field(paths, "event"), eventValue == null
                    ? "is required: one of " + String.join(", ", settings.events().keySet())
                    : "'" + eventValue + "' is not a configured event; configured: "
                            + String.join(", ", settings.events().keySet())));
        }
        String ticketId = read(payload, paths, "ticketId");
        if (ticketId == null) {
            violations.add(Violation.of(field(paths, "ticketId"), "is required: the ticket's id"));
        }
        String userId = read(payload, paths, "userId");
        String email = read(payload, paths, "email");
        if (email != null && !Messages.looksLikeEmail(email)) {
            violations.add(Violation.of(field(paths, "email"), "is not an email address"));
        }
        if (userId == null && email == null) {
            violations.add(Violation.of(field(paths, "userId"),
                    "names no customer: give the requester's external id or, at " + paths.get("email")
                            + ", their email"));
        }
        String occurredText = read(payload, paths, "occurredAt");
        Instant occurredAt = occurredText == null
                ? signedAt
                : Messages.instant(occurredText, field(paths, "occurredAt"), violations);
        if (!violations.isEmpty()) {
            return null;
        }
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put(SignalEvents.TICKET_ID, ticketId);
        put(properties, SignalEvents.SUBJECT, read(payload, paths, "subject"));
        put(properties, SignalEvents.STATUS, read(payload, paths, "status"));
        put(properties, SignalEvents.PRIORITY, read(payload, paths, "priority"));
        JsonNode score = payload.at(paths.get("satisfactionScore"));
        if (score.isNumber()) {
            properties.set(SignalEvents.SATISFACTION_SCORE, score);
            properties.set(SignalEvents.CSAT_SCORE, score);
        } else if (score.isTextual() && !score.textValue().isBlank()) {
            String rating = score.textValue().strip().toLowerCase(Locale.ROOT);
            properties.put(SignalEvents.SATISFACTION_SCORE, rating);
            if (rating.equals("good") || rating.equals("bad")) {
                properties.put(SignalEvents.SATISFIED, rating.equals("good"));
            }
        }
        put(properties, SignalEvents.SATISFACTION_COMMENT, read(payload, paths, "satisfactionComment"));
        properties.put(SignalEvents.SIGNAL_SOURCE, "zendesk");
        String slug = event.toLowerCase(Locale.ROOT).replace(' ', '-');
        return Messages.track(event, "zendesk-" + ticketId + "-" + slug + "-" + occurredAt, occurredAt, userId,
                null, email, properties);
    }

    private static String read(JsonNode payload, Map<String, String> paths, String name) {
        String pointer = paths.get(name);
        return pointer == null ? null : Messages.text(payload.at(pointer));
    }

    private static void put(ObjectNode properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }

    /** A pointer as a field path of the body: {@code /ticket/id} → {@code ticket.id}. */
    private static String field(Map<String, String> paths, String name) {
        return paths.get(name).substring(1).replace('/', '.');
    }
}
