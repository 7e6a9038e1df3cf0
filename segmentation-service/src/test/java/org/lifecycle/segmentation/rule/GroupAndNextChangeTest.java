package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

class GroupAndNextChangeTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void allAnyAndNotCombineConditions() {
        FactsBuilder facts = customer().traits("""
                {"plan": "pro"}""").order(daysAgo(5), "10");
        String pro = """
                {"trait": "plan", "op": "eq", "value": "pro"}""";
        String twoOrders = """
                {"orders": {"gte": 2}}""";

        assertThat(rule("{\"all\": [" + pro + "," + twoOrders + "]}").matches(facts, NOW)).isFalse();
        assertThat(rule("{\"any\": [" + pro + "," + twoOrders + "]}").matches(facts, NOW)).isTrue();
        assertThat(rule("{\"not\": " + twoOrders + "}").matches(facts, NOW)).isTrue();
        assertThat(rule("{\"all\": [" + pro + ", {\"not\": " + twoOrders + "}]}").matches(facts, NOW)).isTrue();
    }

    @Test
    void twoOrdersInAYearChangeWhenTheOlderLeaves() {
        Instant older = daysAgo(300);
        FactsBuilder facts = customer().order(older, "10").order(daysAgo(10), "10");
        Rule active = rule("""
                {"orders": {"gte": 2}, "within_days": 365}""");

        assertThat(active.matches(facts, NOW)).isTrue();
        assertThat(active.nextChange(facts, NOW)).isEqualTo(older.plus(Duration.ofDays(365)));
        assertThat(active.matches(facts, older.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void orderWindowsSkipExpiriesThatChangeNothing() {
        FactsBuilder facts = customer().order(daysAgo(300), "10").order(daysAgo(200), "10")
                .order(daysAgo(100), "10").order(daysAgo(10), "10");
        Rule active = rule("""
                {"orders": {"gte": 2}, "within_days": 365}""");

        // Four orders: the result flips when the third-newest leaves, not the oldest.
        assertThat(active.nextChange(facts, NOW)).isEqualTo(daysAgo(100).plus(Duration.ofDays(365)));
    }

    @Test
    void nothingToExpireMeansNoNextChange() {
        FactsBuilder facts = customer().order(daysAgo(10), "10");
        assertThat(rule("""
                {"orders": {"gte": 1}}""").nextChange(facts, NOW)).isNull();
        assertThat(rule("""
                {"event": "Page Viewed", "count": {"gte": 1}, "within_days": 30}""").nextChange(facts, NOW)).isNull();
    }

    @Test
    void groupsTakeTheEarliestChangeOfAnyCondition() {
        Instant viewed = Instant.parse("2025-06-10T09:15:00Z");
        Instant ordered = daysAgo(80);
        FactsBuilder facts = customer().event("Page Viewed", viewed).order(ordered, "10");
        String recentlyViewed = """
                {"event": "Page Viewed", "count": {"gte": 1}, "within_days": 30}""";
        String atRisk = """
                {"days_since_last_order": {"gte": 90}}""";
        Instant viewLeaves = Instant.parse("2025-07-10T10:00:00Z");
        Instant turnsAtRisk = ordered.plus(Duration.ofDays(90));

        assertThat(turnsAtRisk).isBefore(viewLeaves);
        assertThat(rule("{\"all\": [" + recentlyViewed + "," + atRisk + "]}").nextChange(facts, NOW))
                .isEqualTo(turnsAtRisk);
        assertThat(rule("{\"any\": [" + recentlyViewed + "," + atRisk + "]}").nextChange(facts, NOW))
                .isEqualTo(turnsAtRisk);
        assertThat(rule("{\"not\": " + recentlyViewed + "}").nextChange(facts, NOW)).isEqualTo(viewLeaves);
    }

    @Test
    void nextChangeIsAlwaysAfterNow() {
        Instant ordered = daysAgo(90);
        FactsBuilder facts = customer().order(ordered, "10");
        Rule atRisk = rule("""
                {"days_since_last_order": {"gte": 90}}""");

        assertThat(atRisk.matches(facts, NOW)).isTrue();
        assertThat(atRisk.nextChange(facts, NOW)).isNull();
        assertThat(rule("""
                {"days_since_last_order": {"lt": 91}}""").nextChange(facts, NOW))
                .isEqualTo(ordered.plus(Duration.ofDays(91)));
    }
}
