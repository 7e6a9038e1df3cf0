package org.lifecycle.contracts.event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads values out of free-form Segment objects the way senders really write them: numbers as strings, strings as
 * numbers, objects where a string was expected. Typed views use it so that one odd field yields {@code null} for
 * that field instead of losing the whole event.
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** A field as text: strings as they are, numbers and booleans as written; {@code null} if absent or blank. */
    public static String text(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value == null || !value.isValueNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** A field as an exact decimal, from a number or a numeric string; {@code null} if absent or not a number. */
    public static BigDecimal decimal(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value == null) {
            return null;
        }
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // NaN, Infinity and non-numeric strings carry no amount.
        }
        return null;
    }

    /** A field as a whole number, from a number or a numeric string ("2", 2.0); {@code null} otherwise. */
    public static Integer integer(JsonNode object, String field) {
        BigDecimal value = decimal(object, field);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A field as a JSON object; {@code null} if absent or of another kind. */
    public static ObjectNode object(JsonNode object, String field) {
        JsonNode value = field(object, field);
        return value instanceof ObjectNode node ? node : null;
    }

    /** The objects of an array field, skipping any element that is not an object; empty if absent. */
    public static List<ObjectNode> objects(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode element : value) {
            if (element instanceof ObjectNode node) {
                objects.add(node);
            }
        }
        return List.copyOf(objects);
    }

    private static JsonNode field(JsonNode object, String field) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }
}
