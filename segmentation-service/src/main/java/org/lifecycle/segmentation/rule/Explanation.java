package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a rule matched a customer or not, as a tree mirroring the rule: what each condition asks, whether it held, and
 * what was observed (e.g. {@code Order Completed in the last 365 days: 3}). This is what a marketer sees under "why is
 * this customer in this segment".
 *
 * @param rule the condition in words, e.g. {@code at least 2 Order Completed in the last 365 days}; {@code all of},
 *        {@code any of} or {@code not} for a group
 * @param matched whether the condition held
 * @param facts what the condition observed, by name, in the order read; a value is {@code null} when absent
 * @param children the explanations of the conditions inside a group
 */
public record Explanation(String rule, boolean matched, Map<String, Object> facts, List<Explanation> children) {

    public Explanation {
        Objects.requireNonNull(rule, "rule");
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** A leaf condition's explanation with the one fact it observed. */
    static Explanation leaf(String rule, boolean matched, String fact, Object value) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(fact, value);
        return new Explanation(rule, matched, facts, List.of());
    }

    /** A computed sum as a fact a marketer reads: {@code 500}, not {@code 500.0}. */
    static BigDecimal amount(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /** Every fact in the tree, depth first; the first observation of a name wins (the same fact read twice is equal). */
    public Map<String, Object> allFacts() {
        Map<String, Object> all = new LinkedHashMap<>();
        collect(all);
        return all;
    }

    private void collect(Map<String, Object> all) {
        facts.forEach(all::putIfAbsent);
        children.forEach(child -> child.collect(all));
    }

    /**
     * The tree as indented lines, e.g.
     *
     * <pre>
     * [yes] any of
     *   [yes] at least 2 Order Completed in the last 365 days (Order Completed in the last 365 days: 3)
     *   [no] address.city is "Paris" (address.city: absent)
     * </pre>
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        write(text, 0);
        return text.toString();
    }

    private void write(StringBuilder text, int depth) {
        text.append("  ".repeat(depth)).append(matched ? "[yes] " : "[no] ").append(rule);
        if (!facts.isEmpty()) {
            text.append(" (");
            String separator = "";
            for (Map.Entry<String, Object> fact : facts.entrySet()) {
                text.append(separator).append(fact.getKey()).append(": ").append(show(fact.getValue()));
                separator = ", ";
            }
            text.append(')');
        }
        text.append('\n');
        children.forEach(child -> child.write(text, depth + 1));
    }

    private static String show(Object value) {
        return switch (value) {
            case null -> "absent";
            case BigDecimal decimal -> decimal.toPlainString();
            default -> value.toString();
        };
    }
}
