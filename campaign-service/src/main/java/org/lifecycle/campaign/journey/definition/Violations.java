package org.lifecycle.campaign.journey.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The violations found so far in one submitted journey, with the field checks every part of it shares, so that the
 * journey and the conditions inside it report in one list with one wording.
 */
final class Violations {

    private final List<JourneyViolation> found = new ArrayList<>();

    void add(String pointer, String message) {
        found.add(new JourneyViolation(pointer, message));
    }

    int count() {
        return found.size();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new JourneyException(found);
        }
    }

    /** A required, non-blank string field of {@code node}; {@code null} (with a violation) otherwise. */
    String text(JsonNode node, String at, String key) {
        if (node.get(key) == null) {
            add(JourneyViolation.child(at, key), "missing " + key);
            return null;
        }
        return optionalText(node, at, key);
    }

    /** An optional string field: {@code null} when absent, or (with a violation) when not a non-blank string. */
    String optionalText(JsonNode node, String at, String key) {
        JsonNode value = node.get(key);
        String keyAt = JourneyViolation.child(at, key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            add(keyAt, "expected a string, found " + typeOf(value));
            return null;
        }
        if (value.textValue().isBlank()) {
            add(keyAt, key + " must not be empty");
            return null;
        }
        return value.textValue();
    }

    /** A required string field that must match {@code pattern}, described to the author as {@code shape}. */
    String key(JsonNode node, String at, String key, Pattern pattern, String shape) {
        String text = text(node, at, key);
        if (text != null && !pattern.matcher(text).matches()) {
            add(JourneyViolation.child(at, key), "expected " + shape + ", found \"" + text + "\"");
            return null;
        }
        return text;
    }

    /** A violation for every key of {@code node} not in {@code allowed}. */
    void onlyKeys(JsonNode node, String at, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                add(JourneyViolation.child(at, key),
                        "unknown key \"" + key + "\": expected "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** The JSON type of a value as a message names it: {@code a string}, {@code an array}, {@code null}. */
    static String typeOf(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BINARY, MISSING -> "nothing";
        };
    }
}
