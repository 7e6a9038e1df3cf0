package org.lifecycle.campaign.journey.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lifecycle.campaign.journey.condition.AllOf;
import org.lifecycle.campaign.journey.condition.AnyOf;
import org.lifecycle.campaign.journey.condition.Condition;
import org.lifecycle.campaign.journey.condition.Fact;
import org.lifecycle.campaign.journey.condition.FactCondition;
import org.lifecycle.campaign.journey.condition.Not;
import org.lifecycle.campaign.journey.condition.Operator;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;

import static org.lifecycle.campaign.journey.definition.JourneyViolation.child;

/** Reads the condition language of journeys (JOURNEYS.md, "Conditions") inside a journey document. */
final class ConditionParser {

    /** How deep {@code all}, {@code any} and {@code not} may nest: deeper conditions are unreviewable. */
    static final int MAX_DEPTH = 10;

    /** Most comparisons in one condition. */
    static final int MAX_COMPARISONS = 50;

    private static final List<String> KINDS = List.of("all", "any", "not", "fact");

    private static final String FACTS = "stage, segments, email, phone, timezone, orders, revenue, "
            + "trait.<path>, attribute.<name>, consent.<channel> or event.<path>";

    private static final String OPS = Arrays.stream(Operator.values()).map(Operator::key)
            .collect(Collectors.joining(", "));

    private final Violations violations;
    private int comparisons;

    private ConditionParser(Violations violations) {
        this.violations = violations;
    }

    /** Reads the condition at {@code at}, adding what is wrong with it; {@code null} when it is invalid. */
    static Condition parse(JsonNode json, String at, Violations violations) {
        int before = violations.count();
        ConditionParser parser = new ConditionParser(violations);
        Condition condition = parser.condition(json, at, 0);
        if (parser.comparisons > MAX_COMPARISONS) {
            violations.add(at, "the condition has " + parser.comparisons + " comparisons, more than the "
                    + MAX_COMPARISONS + " allowed");
        }
        return violations.count() == before ? condition : null;
    }

    private Condition condition(JsonNode node, String at, int depth) {
        if (node == null || !node.isObject()) {
            return fail(at, "expected a condition object, found " + Violations.typeOf(node));
        }
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (KINDS.contains(field.getKey())) {
                kinds.add(field.getKey());
            }
        }
        if (kinds.isEmpty()) {
            if (node.isEmpty()) {
                return fail(at, "empty condition: expected one of " + String.join(", ", KINDS));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                violations.add(child(at, field.getKey()),
                        "unknown key \"" + field.getKey() + "\": a condition is one of " + String.join(", ", KINDS));
            }
            return null;
        }
        if (kinds.size() > 1) {
            for (String extra : kinds.subList(1, kinds.size())) {
                violations.add(child(at, extra), "a condition has exactly one kind, and \"" + kinds.getFirst()
                        + "\" already makes this one a " + kinds.getFirst() + " condition");
            }
            return null;
        }
        return switch (kinds.getFirst()) {
            case "all" -> group(node, at, depth, "all", AllOf::new);
            case "any" -> group(node, at, depth, "any", AnyOf::new);
            case "not" -> not(node, at, depth);
            case "fact" -> fact(node, at);
            default -> throw new IllegalStateException("Kind without a reader: " + kinds.getFirst());
        };
    }

    private Condition group(JsonNode node, String at, int depth, String kind,
            Function<List<Condition>, Condition> build) {
        violations.onlyKeys(node, at, Set.of(kind));
        String listAt = child(at, kind);
        if (depth >= MAX_DEPTH) {
            return fail(listAt, "nesting deeper than " + MAX_DEPTH + " levels of all, any and not");
        }
        JsonNode list = node.get(kind);
        if (!list.isArray()) {
            return fail(listAt, "expected an array of conditions, found " + Violations.typeOf(list));
        }
        if (list.isEmpty()) {
            return fail(listAt, "empty " + kind + ": give at least one condition");
        }
        List<Condition> parsed = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            parsed.add(condition(list.get(index), child(listAt, index), depth + 1));
        }
        return parsed.contains(null) ? null : build.apply(parsed);
    }

    private Condition not(JsonNode node, String at, int depth) {
        violations.onlyKeys(node, at, Set.of("not"));
        if (depth >= MAX_DEPTH) {
            return fail(child(at, "not"), "nesting deeper than " + MAX_DEPTH + " levels of all, any and not");
        }
        Condition inner = condition(node.get("not"), child(at, "not"), depth + 1);
        return inner == null ? null : new Not(inner);
    }

    private Condition fact(JsonNode node, String at) {
        comparisons++;
        violations.onlyKeys(node, at, Set.of("fact", "op", "value"));
        Fact fact = factPath(node, at);
        String opKey = violations.text(node, at, "op");
        Operator op = opKey == null ? null : Operator.fromKey(opKey).orElse(null);
        if (opKey != null && op == null) {
            violations.add(child(at, "op"), "unknown op \"" + opKey + "\": expected " + OPS);
        }
        JsonNode value = node.get("value");
        String valueAt = child(at, "value");
        if (op == null) {
            return null;
        }
        if (!op.takesValue()) {
            if (value != null) {
                return fail(valueAt, op.key() + " takes no value");
            }
            return fact == null ? null : new FactCondition(fact, op, null);
        }
        if (value == null) {
            return fail(valueAt, "missing value: " + op.key() + " compares the fact with a value");
        }
        boolean valid = switch (op) {
            case EQ, NEQ, CONTAINS -> scalar(value, valueAt);
            case GT, GTE, LT, LTE -> orderable(value, valueAt);
            case IN -> scalars(value, valueAt);
            case EXISTS, NOT_EXISTS -> throw new IllegalStateException(op + " takes no value");
        };
        return fact == null || !valid ? null : new FactCondition(fact, op, value);
    }

    private Fact factPath(JsonNode node, String at) {
        String path = violations.text(node, at, "fact");
        if (path == null) {
            return null;
        }
        Fact fact = Fact.parse(path).orElse(null);
        if (fact != null) {
            return fact;
        }
        String factAt = child(at, "fact");
        if (path.startsWith(Fact.Kind.CONSENT.prefix())) {
            fail(factAt, "unknown channel in \"" + path + "\": expected consent." + Arrays.stream(Channel.values())
                    .map(Channel::wireName).collect(Collectors.joining(", consent.")));
        } else if (Arrays.stream(Fact.Kind.values()).anyMatch(kind -> kind.named() && path.startsWith(kind.prefix()))) {
            fail(factAt, "expected a dotted name after the prefix, like trait.address.city, found \"" + path + "\"");
        } else {
            fail(factAt, "unknown fact \"" + path + "\": expected " + FACTS);
        }
        return null;
    }

    private boolean scalar(JsonNode value, String at) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return true;
        }
        fail(at, "expected a string, number or boolean, found " + Violations.typeOf(value));
        return false;
    }

    private boolean orderable(JsonNode value, String at) {
        if (value.isTextual() || value.isNumber()) {
            return true;
        }
        fail(at, "expected a number or a string, found " + Violations.typeOf(value));
        return false;
    }

    private boolean scalars(JsonNode value, String at) {
        if (!value.isArray()) {
            fail(at, "expected an array of values, found " + Violations.typeOf(value));
            return false;
        }
        if (value.isEmpty()) {
            fail(at, "in needs at least one value");
            return false;
        }
        boolean valid = true;
        for (int index = 0; index < value.size(); index++) {
            valid &= scalar(value.get(index), child(at, index));
        }
        return valid;
    }

    private Condition fail(String at, String message) {
        violations.add(at, message);
        return null;
    }
}
