package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

class EventConditionTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private final FactsBuilder twoOrders = customer()
            .event("Order Completed", NOW.minus(Duration.ofDays(100)), "revenue", 120.5)
            .event("Order Completed", NOW.minus(Duration.ofDays(10)), "revenue", 80)
            .event("Order Completed", NOW.minus(Duration.ofDays(400)), "revenue", 1000);

    @Test
    void countComparesWithEachOperator() {
        assertThat(countRule("gte", 2).matches(twoOrders, NOW)).isTrue();
        assertThat(countRule("gte", 3).matches(twoOrders, NOW)).isFalse();
        assertThat(countRule("gt", 1).matches(twoOrders, NOW)).isTrue();
        assertThat(countRule("gt", 2).matches(twoOrders, NOW)).isFalse();
        assertThat(countRule("lte", 2).matches(twoOrders, NOW)).isTrue();
        assertThat(countRule("lte", 1).matches(twoOrders, NOW)).isFalse();
        assertThat(countRule("lt", 3).matches(twoOrders, NOW)).isTrue();
        assertThat(countRule("lt", 2).matches(twoOrders, NOW)).isFalse();
        assertThat(countRule("eq", 2).matches(twoOrders, NOW)).isTrue();
        assertThat(countRule("eq", 3).matches(twoOrders, NOW)).isFalse();
    }

    @Test
    void anEventNeverSeenCountsZero() {
        Rule none = rule("""
                {"event": "Cart Viewed", "count": {"eq": 0}, "within_days": 30}""");
        assertThat(none.matches(customer(), NOW)).isTrue();
        assertThat(none.nextChange(customer(), NOW)).isNull();
    }

    @Test
    void sumAddsAPropertyOverTheWindow() {
        assertThat(sumRule("gte", "200.5").matches(twoOrders, NOW)).isTrue();
        assertThat(sumRule("gt", "200.5").matches(twoOrders, NOW)).isFalse();
        assertThat(sumRule("lt", "201").matches(twoOrders, NOW)).isTrue();
        assertThat(sumRule("lte", "200").matches(twoOrders, NOW)).isFalse();
        assertThat(sumRule("eq", "200.5").matches(twoOrders, NOW)).isTrue();
    }

    @Test
    void eventsWithoutThePropertyAddNothingToASum() {
        FactsBuilder facts = customer().event("Order Completed", NOW.minus(Duration.ofDays(1)));
        assertThat(sumRule("eq", "0").matches(facts, NOW)).isTrue();
    }

    /** An event at 10:20 is kept in the 10:00 hour, which ends at 11:00; it counts until 11:00 thirty days later. */
    @Test
    void anEventCountsUntilTheEndOfItsHourPlusTheWindow() {
        Instant at = Instant.parse("2025-05-01T10:20:00Z");
        Instant leaves = Instant.parse("2025-05-31T11:00:00Z");
        FactsBuilder facts = customer().event("Email Opened", at);
        Rule opened = rule("""
                {"event": "Email Opened", "count": {"gte": 1}, "within_days": 30}""");

        assertThat(opened.matches(facts, at)).isTrue();
        assertThat(opened.matches(facts, leaves.minusSeconds(1))).isTrue();
        assertThat(opened.matches(facts, leaves)).isFalse();
        assertThat(opened.matches(facts, leaves.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(opened.nextChange(facts, at)).isEqualTo(leaves);
    }

    @Test
    void anEventCountsFromTheStartOfItsHour() {
        Instant at = Instant.parse("2025-05-01T10:20:00Z");
        FactsBuilder facts = customer().event("Email Opened", at);
        Rule opened = rule("""
                {"event": "Email Opened", "count": {"gte": 1}, "within_days": 1}""");

        assertThat(opened.matches(facts, Instant.parse("2025-05-01T10:00:00Z"))).isTrue();
        assertThat(opened.matches(facts, Instant.parse("2025-05-01T09:59:59Z"))).isFalse();
    }

    @Test
    void aSumLosesAnEventAtTheSameEdgeAsACount() {
        Instant at = Instant.parse("2025-05-01T10:20:00Z");
        Instant leaves = Instant.parse("2025-05-08T11:00:00Z");
        FactsBuilder facts = customer().event("Order Completed", at, "revenue", 50);
        Rule spent = rule("""
                {"event": "Order Completed", "sum": {"property": "revenue", "gte": 50}, "within_days": 7}""");

        assertThat(spent.matches(facts, leaves.minusSeconds(1))).isTrue();
        assertThat(spent.matches(facts, leaves)).isFalse();
        assertThat(spent.nextChange(facts, at)).isEqualTo(leaves);
    }

    @Test
    void nextChangeIsWhenTheOldestCountedEventLeaves() {
        Instant older = NOW.minus(Duration.ofDays(100));
        assertThat(countRule("gte", 2).nextChange(twoOrders, NOW))
                .isEqualTo(older.plus(Duration.ofHours(1)).plus(Duration.ofDays(365)));
    }

    @Test
    void maxWindowDaysIsTheWindow() {
        assertThat(countRule("gte", 1).maxWindowDays()).isEqualTo(365);
        assertThat(sumRule("gte", "1").maxWindowDays()).isEqualTo(365);
    }

    private static Rule countRule(String op, int value) {
        return rule("""
                {"event": "Order Completed", "count": {"%s": %d}, "within_days": 365}""".formatted(op, value));
    }

    private static Rule sumRule(String op, String value) {
        return rule("""
                {"event": "Order Completed", "sum": {"property": "revenue", "%s": %s}, "within_days": 365}"""
                .formatted(op, value));
    }
}
