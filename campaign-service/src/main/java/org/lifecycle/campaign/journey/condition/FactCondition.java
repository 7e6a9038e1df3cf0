package org.lifecycle.campaign.journey.condition;

import java.util.Objects;
import java.util.Optional;

import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"fact": "attribute.predicted_clv", "op": "gte", "value": 500}}: one fact compared with a value. Numbers
 * compare numerically ({@code 3} equals {@code 3.0}), strings case-sensitively in code-point order; values of
 * different JSON types are never equal nor ordered. {@code neq} is exactly "not {@code eq}", so an absent fact
 * matches it; apart from {@code neq} and {@code not_exists}, an absent fact matches nothing.
 *
 * @param value a scalar, an array of scalars for {@code in}, {@code null} for {@code exists} and {@code not_exists}
 */
public record FactCondition(Fact fact, Operator op, JsonNode value) implements Condition {

    public FactCondition {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(op, "op");
        if (op.takesValue() != (value != null)) {
            throw new IllegalArgumentException(op.key() + (op.takesValue() ? " needs a value" : " takes no value"));
        }
    }

    @Override
    public boolean test(Contact contact, ObjectNode event) {
        JsonNode actual = fact.resolve(contact, event);
        return switch (op) {
            case EXISTS -> actual != null;
            case NOT_EXISTS -> actual == null;
            case EQ -> same(actual, value);
            case NEQ -> !same(actual, value);
            case GT -> order(actual).map(sign -> sign > 0).orElse(false);
            case GTE -> order(actual).map(sign -> sign >= 0).orElse(false);
            case LT -> order(actual).map(sign -> sign < 0).orElse(false);
            case LTE -> order(actual).map(sign -> sign <= 0).orElse(false);
            case IN -> actual != null && hasElement(value, actual);
            case CONTAINS -> contains(actual);
        };
    }

    /** How the fact orders against the value; empty when they have no order (absent, or different types). */
    private Optional<Integer> order(JsonNode actual) {
        if (actual == null) {
            return Optional.empty();
        }
        if (actual.isNumber() && value.isNumber()) {
            return Optional.of(actual.decimalValue().compareTo(value.decimalValue()));
        }
        if (actual.isTextual() && value.isTextual()) {
            return Optional.of(actual.textValue().compareTo(value.textValue()));
        }
        return Optional.empty();
    }

    private boolean contains(JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (actual.isArray()) {
            return hasElement(actual, value);
        }
        return actual.isTextual() && value.isTextual() && actual.textValue().contains(value.textValue());
    }

    private static boolean hasElement(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (same(element, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode actual, JsonNode wanted) {
        if (actual == null) {
            return false;
        }
        if (actual.isNumber() && wanted.isNumber()) {
            return actual.decimalValue().compareTo(wanted.decimalValue()) == 0;
        }
        return actual.equals(wanted);
    }
}
