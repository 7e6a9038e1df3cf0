package org.lifecycle.segmentation.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The violations found so far in one submitted document, with the field checks every part of it shares, so that a
 * stage model and the rules inside it report in one list with one wording.
 */
final class Violations {

    private final List<RuleViolation> found = new ArrayList<>();

    void add(String pointer, String message) {
        found.add(new RuleViolation(pointer, message));
    }

    int count() {
        return found.size();
    }

    /** Throws {@link RuleException} with everything found, if anything was. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new RuleException(found);
        }
    }

    /** A required, non-blank string field of {@code node}; {@code null} (with a violation) otherwise. */
    String text(JsonNode node, String at, String key) {
        JsonNode value = node.get(key);
        String keyAt = RuleViolation.child(at, key);
        if (value == null) {
            add(keyAt, "missing " + key);
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

    /** A violation for every key of {@code node} not in {@code allowed}. */
    void onlyKeys(JsonNode node, String at, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                add(RuleViolation.child(at, key),
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
