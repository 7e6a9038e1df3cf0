package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

class OrderConditionTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private final FactsBuilder threeOrders = customer()
            .order(daysAgo(500), "300.00")
            .order(daysAgo(200), "150.00")
            .order(daysAgo(20), "99.90");

    @Test
    void ordersCountsTheWindowOrEveryOrder() {
        assertThat(rule("""
                {"orders": {"eq": 2}, "within_days": 365}""").matches(threeOrders, NOW)).isTrue();
        assertThat(rule("""
                {"orders": {"gte": 3}}""").matches(threeOrders, NOW)).isTrue();
        assertThat(rule("""
                {"orders": {"lt": 1}, "within_days": 10}""").matches(threeOrders, NOW)).isTrue();
    }

    @Test
    void anOrderLeavesTheWindowExactlyNDaysLater() {
        Instant at = Instant.parse("2025-01-10T08:30:00Z");
        FactsBuilder facts = customer().order(at, "10");
        Rule recent = rule("""
                {"orders": {"gte": 1}, "within_days": 30}""");
        Instant leaves = at.plus(Duration.ofDays(30));

        assertThat(recent.matches(facts, at)).isTrue();
        assertThat(recent.matches(facts, leaves.minusNanos(1))).isTrue();
        assertThat(recent.matches(facts, leaves)).isFalse();
        assertThat(recent.nextChange(facts, at)).isEqualTo(leaves);
    }

    @Test
    void anOrderDatedAfterNowDoesNotCountYetButIsWhenTheResultChanges() {
        Instant later = NOW.plus(Duration.ofHours(3));
        FactsBuilder facts = customer().order(later, "10");
        Rule buyer = rule("""
                {"orders": {"gte": 1}}""");

        assertThat(buyer.matches(facts, NOW)).isFalse();
        assertThat(buyer.nextChange(facts, NOW)).isEqualTo(later);
    }

    @Test
    void revenueAddsOrderValuesInTheWindowOrEver() {
        assertThat(rule("""
                {"revenue": {"eq": 249.90}, "within_days": 365}""").matches(threeOrders, NOW)).isTrue();
        assertThat(rule("""
                {"revenue": {"gte": 549.9}}""").matches(threeOrders, NOW)).isTrue();
        assertThat(rule("""
                {"revenue": {"gt": 549.9}}""").matches(threeOrders, NOW)).isFalse();
        assertThat(rule("""
                {"revenue": {"lte": 100}, "within_days": 30}""").matches(threeOrders, NOW)).isTrue();
    }

    @Test
    void revenueChangesWhenEnoughValueHasLeft() {
        Rule bigSpender = rule("""
                {"revenue": {"gte": 200}, "within_days": 365}""");
        // 150 leaves 165 days from now and takes the total under 200; the 99.90 alone is not enough.
        assertThat(bigSpender.nextChange(threeOrders, NOW)).isEqualTo(daysAgo(200).plus(Duration.ofDays(365)));
    }

    @Test
    void daysSinceLastOrderCountsWholeDays() {
        FactsBuilder facts = customer().order(NOW.minus(Duration.ofDays(90)).plus(Duration.ofMinutes(1)), "10");
        Rule atRisk = rule("""
                {"days_since_last_order": {"gte": 90}}""");

        assertThat(atRisk.matches(facts, NOW)).isFalse();
        assertThat(atRisk.matches(facts, NOW.plus(Duration.ofMinutes(1)))).isTrue();
        assertThat(atRisk.nextChange(facts, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void daysSinceLastOrderNeverMatchesACustomerWhoNeverOrdered() {
        for (String op : new String[]{"gte", "gt", "lte", "lt", "eq"}) {
            Rule rule = rule("""
                    {"days_since_last_order": {"%s": 0}}""".formatted(op));
            assertThat(rule.matches(customer(), NOW)).as(op).isFalse();
            assertThat(rule.nextChange(customer(), NOW)).as(op).isNull();
        }
    }

    @Test
    void daysSinceLastOrderFlipsWhereTheThresholdIsCrossed() {
        Instant last = daysAgo(20);
        FactsBuilder facts = customer().order(last, "10");

        assertThat(nextChange("lt", 30, facts)).isEqualTo(last.plus(Duration.ofDays(30)));
        assertThat(nextChange("lte", 30, facts)).isEqualTo(last.plus(Duration.ofDays(31)));
        assertThat(nextChange("gt", 30, facts)).isEqualTo(last.plus(Duration.ofDays(31)));
        assertThat(nextChange("eq", 30, facts)).isEqualTo(last.plus(Duration.ofDays(30)));
        assertThat(nextChange("eq", 20, facts)).isEqualTo(last.plus(Duration.ofDays(21)));
        assertThat(nextChange("gte", 10, facts)).isNull();
        assertThat(nextChange("lt", 10, facts)).isNull();
    }

    @Test
    void orderConditionsNeedNoEventHistory() {
        assertThat(rule("""
                {"orders": {"gte": 1}, "within_days": 3650}""").maxWindowDays()).isZero();
    }

    private static Instant nextChange(String op, int days, FactsBuilder facts) {
        return rule("""
                {"days_since_last_order": {"%s": %d}}""".formatted(op, days)).nextChange(facts, NOW);
    }
}
