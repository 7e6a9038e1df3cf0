package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code {"trait": "address.city", "op": "eq", "value": "Paris"}}: a comparison with a trait the customer was
 * identified with. Numbers compare numerically, strings case-sensitively (so ISO dates order correctly with
 * {@code gt}/{@code lt}); values of different JSON types never compare equal or ordered. {@code neq} is exactly
 * "not {@code eq}", so it matches a customer without the trait.
 *
 * @param path the dotted trait path; {@code email}, {@code phone} and {@code timezone} are the profile's own fields
 * @param op the operator
 * @param value what the trait is compared with: a scalar, an array of scalars for {@code in}, {@code null} for
 *        {@code exists} and {@code not_exists}
 */
public record TraitCondition(String path, TraitOp op, JsonNode value) implements Rule {

    public TraitCondition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(op, "op");
        if (op.takesValue() != (value != null)) {
            throw new IllegalArgumentException(op.key() + (op.takesValue() ? " needs a value" : " takes no value"));
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return test(resolve(facts));
    }

    /** Traits change only with a new identify call. */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return null;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        JsonNode actual = resolve(facts);
        return Explanation.leaf(describe(), test(actual), path, actual == null ? null : plain(actual));
    }

    @Override
    public String describe() {
        return switch (op) {
            case EQ -> path + " is " + value;
            case NEQ -> path + " is not " + value;
            case GT -> path + " is more than " + value;
            case GTE -> path + " is at least " + value;
            case LT -> path + " is less than " + value;
            case LTE -> path + " is at most " + value;
            case IN -> path + " is one of " + value;
            case CONTAINS -> path + " contains " + value;
            case EXISTS -> path + " is set";
            case NOT_EXISTS -> path + " is not set";
        };
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("trait", path);
        node.put("op", op.key());
        if (value != null) {
            node.set("value", value);
        }
        return node;
    }

    private JsonNode resolve(ProfileFacts facts) {
        return switch (path) {
            case "email" -> text(facts.email());
            case "phone" -> text(facts.phone());
            case "timezone" -> text(facts.timeZone());
            default -> facts.trait(path);
        };
    }

    private boolean test(JsonNode actual) {
        return switch (op) {
            case EXISTS -> actual != null;
            case NOT_EXISTS -> actual == null;
            case EQ -> same(actual, value);
            case NEQ -> !same(actual, value);
            case GT -> sign(actual).map(sign -> sign > 0).orElse(false);
            case GTE -> sign(actual).map(sign -> sign >= 0).orElse(false);
            case LT -> sign(actual).map(sign -> sign < 0).orElse(false);
            case LTE -> sign(actual).map(sign -> sign <= 0).orElse(false);
            case IN -> actual != null && contains(value, actual);
            case CONTAINS -> containsValue(actual);
        };
    }

    /** How the trait orders against the value; empty when they have no order (absent, or of different types). */
    private Optional<Integer> sign(JsonNode actual) {
        if (actual != null && actual.isNumber() && value.isNumber()) {
            return Optional.of(actual.decimalValue().compareTo(value.decimalValue()));
        }
        if (actual != null && actual.isTextual() && value.isTextual()) {
            return Optional.of(actual.textValue().compareTo(value.textValue()));
        }
        return Optional.empty();
    }

    private boolean containsValue(JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (actual.isArray()) {
            return contains(actual, value);
        }
        return actual.isTextual() && value.isTextual() && actual.textValue().contains(value.textValue());
    }

    private static boolean contains(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (same(element, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Equality as a marketer means it: {@code 3} equals {@code 3.0}, but {@code "3"} is not {@code 3}. */
    private static boolean same(JsonNode actual, JsonNode wanted) {
        if (actual == null) {
            return false;
        }
        if (actual.isNumber() && wanted.isNumber()) {
            return actual.decimalValue().compareTo(wanted.decimalValue()) == 0;
        }
        return actual.equals(wanted);
    }

    private static JsonNode text(String field) {
        return field == null ? null : TextNode.valueOf(field);
    }

    /** A trait as a fact: strings, numbers and booleans as themselves, objects and arrays as JSON text. */
    private static Object plain(JsonNode actual) {
        if (actual.isTextual()) {
            return actual.textValue();
        }
        if (actual.isNumber()) {
            return actual.decimalValue();
        }
        if (actual.isBoolean()) {
            return actual.booleanValue();
        }
        return actual.toString();
    }
}
