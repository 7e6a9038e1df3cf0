package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** How rules read in words, shared by the conditions so that every rule in the transition log reads alike. */
final class RuleWords {

    private RuleWords() {
    }

    /** Nested groups go in parentheses so that "a and (b or c)" keeps its meaning. */
    static String join(List<Rule> conditions, String separator) {
        return conditions.stream().map(RuleWords::wrap).collect(Collectors.joining(separator));
    }

    static String wrap(Rule condition) {
        boolean group = condition instanceof AllOf all && all.conditions().size() > 1
                || condition instanceof AnyOf any && any.conditions().size() > 1;
        return group ? "(" + condition.describe() + ")" : condition.describe();
    }

    static String lastDays(int days) {
        return days == 1 ? "in the last day" : "in the last " + days + " days";
    }

    /** {@code active} or {@code one of active, loyal}. */
    static String oneOf(List<String> keys) {
        return keys.size() == 1 ? keys.getFirst() : "one of " + String.join(", ", keys);
    }

    /** {@code order} after a threshold of 1, {@code orders} otherwise. */
    static String noun(BigDecimal value, String singular, String plural) {
        return value.compareTo(BigDecimal.ONE) == 0 ? singular : plural;
    }
}
