package org.lifecycle.ingestion.webhook.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pieces shared by the webhook mappers: identity, time and the Segment track message they build. */
final class Messages {

    private Messages() {
    }

    /** Text of a string or number node; null for anything else or blank text. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            String value = node.textValue().strip();
            return value.isEmpty() ? null : value;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        return null;
    }

    static Instant instant(String text, String field, List<Violation> violations) {
        if (text == null) {
            violations.add(Violation.of(field, "is required: an ISO-8601 date-time"));
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                violations.add(Violation.of(field, "is not an ISO-8601 date-time: " + text));
                return null;
            }
        }
    }

    /**
     * A track message for the tracking pipeline. Without a user or anonymous id but with an email, the customer is
     * named by an anonymous id derived from the address ({@code email:ada@example.com}), and the address is given as
     * a trait, so profiles that share the address can be joined.
     */
    static ObjectNode track(String event, String messageId, Instant timestamp, String userId, String anonymousId,
            String email, ObjectNode properties) {
        ObjectNode message = LifecycleJson.mapper().createObjectNode();
        message.put("type", "track");
        message.put("event", event);
        message.put("messageId", messageId);
        message.put("timestamp", timestamp.toString());
        if (userId != null) {
            message.put("userId", userId);
        }
        if (anonymousId != null) {
            message.put("anonymousId", anonymousId);
        } else if (userId == null && email != null) {
            message.put("anonymousId", "email:" + email.toLowerCase(Locale.ROOT));
        }
        message.set("properties", properties);
        if (email != null) {
            ObjectNode context = message.putObject("context");
            context.putObject("traits").put("email", email);
        }
        return message;
    }

    static boolean looksLikeEmail(String value) {
        int at = value == null ? -1 : value.indexOf('@');
        return at > 0 && at < value.length() - 1 && value.length() <= 320 && value.indexOf(' ') < 0;
    }
}
