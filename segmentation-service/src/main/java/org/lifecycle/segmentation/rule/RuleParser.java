package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import static org.lifecycle.segmentation.rule.RuleViolation.child;

/**
 * Reads the rule language (RULES.md) from JSON, checking everything: a rule is accepted whole or not at all, and a
 * rejected rule comes back with every violation at once, each pointing at the place at fault.
 */
public final class RuleParser {

    /** How deep {@code all}, {@code any} and {@code not} may nest; deeper rules are unreadable and unreviewable. */
    public static final int MAX_DEPTH = 10;

    /** Most conditions in one rule: every condition is evaluated for every customer on every change. */
    public static final int MAX_CONDITIONS = 100;

    /** The key that says what kind of condition an object is, in the order RULES.md lists them. */
    private static final List<String> KINDS = List.of("all", "any", "not", "trait", "event", "stage", "rfm",
            "attribute", "orders", "days_since_last_order", "revenue", "score");

    private static final String COMPARISONS = "gte, gt, lte, lt or eq";

    private final Violations violations;
    private final boolean stageAllowed;
    private int conditions;

    private RuleParser(Violations violations, boolean stageAllowed) {
        this.violations = violations;
        this.stageAllowed = stageAllowed;
    }

    /** Reads a rule, or throws {@link RuleException} with every violation, pointers relative to {@code json}. */
    public static Rule parse(JsonNode json) {
        Violations violations = new Violations();
        Rule rule = parse(json, "", true, violations);
        violations.throwIfAny();
        return rule;
    }

    /**
     * Reads a rule embedded in a larger document at {@code pointer}, adding its violations to {@code violations} so the
     * document reports all of its own at once. {@code null} when the rule is invalid.
     *
     * @param stageAllowed false where a {@code stage} condition would be circular (in a stage model)
     */
    static Rule parse(JsonNode json, String pointer, boolean stageAllowed, Violations violations) {
        int before = violations.count();
        RuleParser parser = new RuleParser(violations, stageAllowed);
        Rule rule = parser.condition(json, pointer, 0);
        if (parser.conditions > MAX_CONDITIONS) {
            violations.add(pointer, "the rule has " + parser.conditions + " conditions, more than the "
                    + MAX_CONDITIONS + " allowed");
        }
        return violations.count() == before ? rule : null;
    }

    /**
     * @param depth how many {@code all}, {@code any} and {@code not} enclose this condition
     */
    private Rule condition(JsonNode node, String at, int depth) {
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
        for (String extra : kinds.subList(1, kinds.size())) {
            violations.add(child(at, extra), "a condition has exactly one kind, and \"" + kinds.getFirst()
                    + "\" already makes this one a " + kinds.getFirst() + " condition");
        }
        if (kinds.size() > 1) {
            return null;
        }
        String kind = kinds.getFirst();
        if (!List.of("all", "any", "not").contains(kind)) {
            conditions++;
        }
        return switch (kind) {
            case "all" -> group(node, at, depth, "all", AllOf::new);
            case "any" -> group(node, at, depth, "any", AnyOf::new);
            case "not" -> not(node, at, depth);
            case "trait" -> trait(node, at);
            case "event" -> event(node, at);
            case "stage" -> stage(node, at);
            case "rfm" -> rfm(node, at);
            case "attribute" -> attribute(node, at);
            case "orders" -> orders(node, at);
            case "days_since_last_order" -> daysSinceLastOrder(node, at);
            case "revenue" -> revenue(node, at);
            case "score" -> score(node, at);
            default -> throw new IllegalStateException("Kind without a reader: " + kind);
        };
    }

    private Rule group(JsonNode node, String at, int depth, String kind, Function<List<Rule>, Rule> build) {
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
        List<Rule> parsed = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            parsed.add(condition(list.get(index), child(listAt, index), depth + 1));
        }
        return parsed.contains(null) ? null : build.apply(parsed);
    }

    private Rule not(JsonNode node, String at, int depth) {
        violations.onlyKeys(node, at, Set.of("not"));
        if (depth >= MAX_DEPTH) {
            return fail(child(at, "not"), "nesting deeper than " + MAX_DEPTH + " levels of all, any and not");
        }
        Rule inner = condition(node.get("not"), child(at, "not"), depth + 1);
        return inner == null ? null : new Not(inner);
    }

    private Rule trait(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("trait", "op", "value"));
        String path = violations.text(node, at, "trait");
        if (path != null && (path.startsWith(".") || path.endsWith(".") || path.contains(".."))) {
            violations.add(child(at, "trait"),
                    "expected a dotted trait path like address.city, found \"" + path + "\"");
            path = null;
        }
        String opKey = violations.text(node, at, "op");
        TraitOp op = opKey == null ? null : TraitOp.fromKey(opKey).orElse(null);
        if (opKey != null && op == null) {
            violations.add(child(at, "op"), "unknown op \"" + opKey
                    + "\": expected eq, neq, gt, gte, lt, lte, in, contains, exists or not_exists");
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
            return path == null ? null : new TraitCondition(path, op, null);
        }
        if (value == null) {
            return fail(valueAt, "missing value: " + op.key() + " compares the trait with a value");
        }
        boolean valid = switch (op) {
            case EQ, NEQ, CONTAINS -> scalar(value, valueAt);
            case GT, GTE, LT, LTE -> orderable(value, valueAt);
            case IN -> scalars(value, valueAt);
            case EXISTS, NOT_EXISTS -> throw new IllegalStateException(op + " takes no value");
        };
        return path == null || !valid ? null : new TraitCondition(path, op, value);
    }

    private Rule event(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("event", "count", "sum", "within_days"));
        String event = violations.text(node, at, "event");
        Integer withinDays = withinDays(node, at, true);
        JsonNode count = node.get("count");
        JsonNode sum = node.get("sum");
        if (count != null && sum != null) {
            return fail(child(at, "sum"), "give either count or sum, not both");
        }
        if (count == null && sum == null) {
            return fail(child(at, "count"), "missing count or sum: what to compare about " + quoted(event));
        }
        if (count != null) {
            Comparison comparison = comparison(count, child(at, "count"), Set.of(), true);
            return event == null || withinDays == null || comparison == null
                    ? null
                    : new EventCount(event, comparison, withinDays);
        }
        String sumAt = child(at, "sum");
        if (!sum.isObject()) {
            return fail(sumAt, "expected an object like {\"property\": \"revenue\", \"gte\": 500}, found "
                    + Violations.typeOf(sum));
        }
        String property = violations.text(sum, sumAt, "property");
        Comparison comparison = comparison(sum, sumAt, Set.of("property"), false);
        return event == null || withinDays == null || property == null || comparison == null
                ? null
                : new EventSum(event, property, comparison, withinDays);
    }

    private Rule stage(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("stage"));
        if (!stageAllowed) {
            return fail(child(at, "stage"),
                    "a stage model cannot use stage conditions: a stage would depend on itself");
        }
        List<String> stages = keyList(node.get("stage"), child(at, "stage"), "stage");
        return stages == null ? null : new StageIn(stages);
    }

    private Rule rfm(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("rfm"));
        List<String> groups = keyList(node.get("rfm"), child(at, "rfm"), "RFM group");
        return groups == null ? null : new RfmGroupIn(groups);
    }

    private Rule attribute(JsonNode node, String at) {
        String name = violations.text(node, at, "attribute");
        Comparison comparison = comparison(node, at, Set.of("attribute"), false);
        return name == null || comparison == null ? null : new AttributeCondition(name, comparison);
    }

    private Rule score(JsonNode node, String at) {
        String plan = violations.text(node, at, "score");
        if (plan != null && !SegmentDefinition.KEY_FORMAT.matcher(plan).matches()) {
            violations.add(child(at, "score"), "expected a scoring plan key (lowercase letters, digits and _, "
                    + "starting with a letter), found \"" + plan + "\"");
            plan = null;
        }
        Comparison comparison = comparison(node, at, Set.of("score"), false);
        return plan == null || comparison == null ? null : new ScoreCondition(plan, comparison);
    }

    private Rule orders(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("orders", "within_days"));
        Comparison comparison = comparison(node.get("orders"), child(at, "orders"), Set.of(), true);
        Integer withinDays = withinDays(node, at, false);
        boolean windowValid = withinDays != null || !node.has("within_days");
        return comparison == null || !windowValid ? null : new OrderCount(comparison, new OrderWindow(withinDays));
    }

    private Rule daysSinceLastOrder(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("days_since_last_order"));
        Comparison comparison = comparison(node.get("days_since_last_order"), child(at, "days_since_last_order"),
                Set.of(), true);
        return comparison == null ? null : new DaysSinceLastOrder(comparison);
    }

    private Rule revenue(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("revenue", "within_days"));
        Comparison comparison = comparison(node.get("revenue"), child(at, "revenue"), Set.of(), false);
        Integer withinDays = withinDays(node, at, false);
        boolean windowValid = withinDays != null || !node.has("within_days");
        return comparison == null || !windowValid ? null : new OrderRevenue(comparison, new OrderWindow(withinDays));
    }

    /**
     * Exactly one of {@code gte, gt, lte, lt, eq} among the keys of {@code node}, beside {@code otherKeys} that the
     * caller reads itself.
     *
     * @param whole whether the value counts something (orders, events, days), so must be a whole number of at least 0
     */
    private Comparison comparison(JsonNode node, String at, Set<String> otherKeys, boolean whole) {
        if (node == null || !node.isObject()) {
            fail(at, "expected a comparison like {\"gte\": 2}, found " + Violations.typeOf(node));
            return null;
        }
        List<Map.Entry<Comparison.Op, JsonNode>> found = new ArrayList<>();
        boolean unknown = false;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (otherKeys.contains(field.getKey())) {
                continue;
            }
            Optional<Comparison.Op> op = Comparison.Op.fromKey(field.getKey());
            if (op.isPresent()) {
                found.add(Map.entry(op.get(), field.getValue()));
            } else {
                unknown = true;
                violations.add(child(at, field.getKey()),
                        "unknown key \"" + field.getKey() + "\": a comparison is one of " + COMPARISONS);
            }
        }
        if (found.isEmpty()) {
            // A misspelt operator was reported above; "missing comparison" on top would say the same thing twice.
            if (!unknown) {
                fail(at, "missing comparison: give one of " + COMPARISONS);
            }
            return null;
        }
        for (Map.Entry<Comparison.Op, JsonNode> extra : found.subList(1, found.size())) {
            violations.add(child(at, extra.getKey().key()),
                    "more than one comparison: " + found.getFirst().getKey().key()
                            + " and " + extra.getKey().key() + "; for a range, combine two conditions with all");
        }
        Comparison.Op op = found.getFirst().getKey();
        JsonNode value = found.getFirst().getValue();
        String valueAt = child(at, op.key());
        if (!value.isNumber()) {
            fail(valueAt, "expected a number, found " + Violations.typeOf(value));
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (whole && (number.signum() < 0 || number.stripTrailingZeros().scale() > 0)) {
            fail(valueAt, "expected a whole number of at least 0, found " + number.toPlainString());
            return null;
        }
        return found.size() == 1 ? new Comparison(op, number) : null;
    }

    /** {@code within_days}: a whole number of days from 1 to 3650. {@code null} when absent or invalid. */
    private Integer withinDays(JsonNode node, String at, boolean required) {
        JsonNode days = node.get("within_days");
        String daysAt = child(at, "within_days");
        if (days == null) {
            if (required) {
                violations.add(daysAt, "missing within_days: the window in days, 1 to " + Rule.MAX_WITHIN_DAYS);
            }
            return null;
        }
        if (!days.isIntegralNumber()) {
            violations.add(daysAt, "expected a whole number of days, found " + Violations.typeOf(days));
            return null;
        }
        if (!days.canConvertToInt() || days.intValue() < 1 || days.intValue() > Rule.MAX_WITHIN_DAYS) {
            violations.add(daysAt, "within_days must be between 1 and " + Rule.MAX_WITHIN_DAYS + ", found " + days);
            return null;
        }
        return days.intValue();
    }

    /** {@code {"in": ["active", "loyal"]}} of {@code stage} and {@code rfm}. */
    private List<String> keyList(JsonNode node, String at, String what) {
        if (!node.isObject()) {
            fail(at, "expected an object like {\"in\": [...]}, found " + Violations.typeOf(node));
            return null;
        }
        violations.onlyKeys(node, at, Set.of("in"));
        JsonNode in = node.get("in");
        String inAt = child(at, "in");
        if (in == null) {
            fail(inAt, "missing in: the " + what + " keys to match");
            return null;
        }
        if (!in.isArray()) {
            fail(inAt, "expected an array of " + what + " keys, found " + Violations.typeOf(in));
            return null;
        }
        if (in.isEmpty()) {
            fail(inAt, "give at least one " + what);
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (int index = 0; index < in.size(); index++) {
            JsonNode key = in.get(index);
            if (key.isTextual() && !key.textValue().isBlank()) {
                keys.add(key.textValue());
            } else {
                violations.add(child(inAt, index), "expected a " + what + " key, found " + Violations.typeOf(key));
            }
        }
        return keys.size() == in.size() ? keys : null;
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

    private Rule fail(String at, String message) {
        violations.add(at, message);
        return null;
    }

    private static String quoted(String text) {
        return text == null ? "the event" : "\"" + text + "\"";
    }
}
