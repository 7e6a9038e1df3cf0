package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

class ExplanationTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void anEventCountSaysWhatItAsksAndWhatItSaw() {
        FactsBuilder facts = customer().event("Order Completed", daysAgo(1)).event("Order Completed", daysAgo(2))
                .event("Order Completed", daysAgo(3));
        Explanation why = rule("""
                {"event": "Order Completed", "count": {"gte": 2}, "within_days": 365}""").explain(facts, NOW);

        assertThat(why.rule()).isEqualTo("at least 2 Order Completed in the last 365 days");
        assertThat(why.matched()).isTrue();
        assertThat(why.facts()).containsExactly(Map.entry("Order Completed in the last 365 days", 3L));
    }

    @Test
    void everyConditionDescribesItself() {
        assertThat(describe("""
                {"event": "Order Completed", "sum": {"property": "revenue", "gte": 500}, "within_days": 30}"""))
                .isEqualTo("revenue of Order Completed in the last 30 days is at least 500");
        assertThat(describe("""
                {"event": "Email Opened", "count": {"eq": 0}, "within_days": 1}"""))
                .isEqualTo("exactly 0 Email Opened in the last day");
        assertThat(describe("""
                {"trait": "address.city", "op": "in", "value": ["Paris", "Lyon"]}"""))
                .isEqualTo("address.city is one of [\"Paris\",\"Lyon\"]");
        assertThat(describe("""
                {"trait": "email", "op": "not_exists"}""")).isEqualTo("email is not set");
        assertThat(describe("""
                {"stage": {"in": ["active", "loyal"]}}""")).isEqualTo("stage is one of active, loyal");
        assertThat(describe("""
                {"rfm": {"in": ["champions"]}}""")).isEqualTo("RFM group is champions");
        assertThat(describe("""
                {"attribute": "probability_alive", "lt": 0.25}""")).isEqualTo("probability_alive is less than 0.25");
        assertThat(describe("""
                {"orders": {"gte": 3}, "within_days": 365}""")).isEqualTo("at least 3 orders in the last 365 days");
        assertThat(describe("""
                {"orders": {"eq": 1}}""")).isEqualTo("exactly 1 order in total");
        assertThat(describe("""
                {"days_since_last_order": {"gt": 90}}""")).isEqualTo("more than 90 days since the last order");
        assertThat(describe("""
                {"revenue": {"lte": 1000}}""")).isEqualTo("revenue in total is at most 1000");
    }

    @Test
    void groupsReadWithParenthesesWhereTheyNest() {
        assertThat(describe("""
                {"all": [
                  {"orders": {"gte": 1}},
                  {"any": [{"rfm": {"in": ["champions"]}}, {"not": {"trait": "vip", "op": "exists"}}]}
                ]}""")).isEqualTo("at least 1 order in total and (RFM group is champions or not vip is set)");
        assertThat(describe("""
                {"not": {"any": [{"orders": {"gte": 1}}, {"orders": {"eq": 0}}]}}"""))
                .isEqualTo("not (at least 1 order in total or exactly 0 orders in total)");
    }

    @Test
    void aGroupExplainsEachConditionAndCollectsTheirFacts() {
        FactsBuilder facts = customer().traits("""
                {"plan": "pro"}""").order(daysAgo(97), "40.50").attribute("probability_alive", 0.125);
        Explanation why = rule("""
                {"all": [
                  {"days_since_last_order": {"gte": 90}},
                  {"any": [{"trait": "plan", "op": "eq", "value": "team"}, {"revenue": {"gte": 40}}]},
                  {"not": {"attribute": "probability_alive", "gte": 0.5}},
                  {"trait": "address.city", "op": "exists"}
                ]}""").explain(facts, NOW);

        assertThat(why.matched()).isFalse();
        assertThat(why.children()).extracting(Explanation::matched).containsExactly(true, true, true, false);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("days since last order", 97L);
        expected.put("plan", "pro");
        expected.put("revenue in total", new BigDecimal("40.50"));
        expected.put("probability_alive", new BigDecimal("0.125"));
        expected.put("address.city", null);
        assertThat(why.allFacts()).containsExactlyEntriesOf(expected);
        assertThat(why.toText()).isEqualTo("""
                [no] all of
                  [yes] at least 90 days since the last order (days since last order: 97)
                  [yes] any of
                    [no] plan is "team" (plan: pro)
                    [yes] revenue in total is at least 40 (revenue in total: 40.50)
                  [yes] not
                    [no] probability_alive is at least 0.5 (probability_alive: 0.125)
                  [no] address.city is set (address.city: absent)
                """);
    }

    @Test
    void aCustomerWhoNeverOrderedHasNoDaysSinceLastOrder() {
        Explanation why = rule("""
                {"days_since_last_order": {"gte": 90}}""").explain(customer(), NOW);
        assertThat(why.matched()).isFalse();
        assertThat(why.allFacts()).containsEntry("days since last order", null);
    }

    @Test
    void sumsReadWithoutTrailingZeros() {
        FactsBuilder facts = customer().event("Order Completed", daysAgo(1), "revenue", 500.0);
        Explanation why = rule("""
                {"event": "Order Completed", "sum": {"property": "revenue", "gt": 499.99}, "within_days": 30}""")
                .explain(facts, NOW);
        assertThat(why.toText()).isEqualTo("[yes] revenue of Order Completed in the last 30 days is more than 499.99"
                + " (revenue of Order Completed in the last 30 days: 500)\n");
    }

    private static String describe(String json) {
        return rule(json).describe();
    }
}
