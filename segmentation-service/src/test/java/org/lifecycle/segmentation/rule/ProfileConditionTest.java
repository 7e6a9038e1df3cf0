package org.lifecycle.segmentation.rule;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

/** Stage, RFM group and published attributes. */
class ProfileConditionTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @Test
    void stageMatchesAListedStage() {
        Rule engaged = rule("""
                {"stage": {"in": ["active", "loyal"]}}""");
        assertThat(engaged.matches(customer().stage("loyal"), NOW)).isTrue();
        assertThat(engaged.matches(customer().stage("lapsed"), NOW)).isFalse();
        assertThat(engaged.matches(customer(), NOW)).isFalse();
        assertThat(engaged.usesStage()).isTrue();
        assertThat(engaged.usesRfm()).isFalse();
    }

    @Test
    void rfmMatchesAListedGroup() {
        Rule best = rule("""
                {"rfm": {"in": ["champions"]}}""");
        assertThat(best.matches(customer().rfmGroup("champions"), NOW)).isTrue();
        assertThat(best.matches(customer().rfmGroup("at_risk"), NOW)).isFalse();
        assertThat(best.matches(customer(), NOW)).isFalse();
        assertThat(best.usesRfm()).isTrue();
        assertThat(best.usesStage()).isFalse();
    }

    @Test
    void attributeComparesWithEachOperator() {
        FactsBuilder facts = customer().attribute("probability_alive", 0.5);
        assertThat(attribute("gte", "0.5").matches(facts, NOW)).isTrue();
        assertThat(attribute("gt", "0.5").matches(facts, NOW)).isFalse();
        assertThat(attribute("lte", "0.5").matches(facts, NOW)).isTrue();
        assertThat(attribute("lt", "0.51").matches(facts, NOW)).isTrue();
        assertThat(attribute("eq", "0.50").matches(facts, NOW)).isTrue();
    }

    @Test
    void aMissingOrNonFiniteAttributeMatchesNoComparison() {
        for (String op : new String[]{"gte", "gt", "lte", "lt", "eq"}) {
            assertThat(attribute(op, "0").matches(customer(), NOW)).as(op).isFalse();
            assertThat(attribute(op, "0").matches(customer().attribute("probability_alive", Double.NaN), NOW))
                    .as(op).isFalse();
        }
    }

    @Test
    void usesStageAndUsesRfmLookInsideGroups() {
        Rule nested = rule("""
                {"any": [{"orders": {"gte": 1}}, {"not": {"all": [{"stage": {"in": ["vip"]}}]}}]}""");
        assertThat(nested.usesStage()).isTrue();
        assertThat(nested.usesRfm()).isFalse();
    }

    @Test
    void maxWindowDaysIsTheLongestEventWindowAnywhere() {
        Rule nested = rule("""
                {"all": [
                  {"event": "Page Viewed", "count": {"gte": 1}, "within_days": 30},
                  {"not": {"event": "Email Opened", "count": {"gte": 1}, "within_days": 400}},
                  {"orders": {"gte": 1}, "within_days": 3000}
                ]}""");
        assertThat(nested.maxWindowDays()).isEqualTo(400);
        assertThat(rule("""
                {"trait": "plan", "op": "exists"}""").maxWindowDays()).isZero();
    }

    private static Rule attribute(String op, String value) {
        return rule("""
                {"attribute": "probability_alive", "%s": %s}""".formatted(op, value));
    }
}
