package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.segmentation.stage.StageDecision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.json;

class RuleStageModelTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private static final String MODEL = """
            {"stages": [
              {"key": "vip", "name": "VIP", "when": {"revenue": {"gte": 1000}, "within_days": 365}},
              {"key": "first_buyer", "name": "First buyer", "when": {"orders": {"eq": 1}}},
              {"key": "lead", "name": "Lead", "when": {"trait": "email", "op": "exists"}},
              {"key": "anonymous", "name": "Anonymous"}
            ]}""";

    private final RuleStageModel model = new RuleStageModel(3, json(MODEL));

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void stagesAndVersionAreTheDefinitions() {
        assertThat(model.stages()).containsExactly("vip", "first_buyer", "lead", "anonymous");
        assertThat(model.version()).isEqualTo(3);
    }

    @Test
    void theFirstMatchingStageWinsWithItsRuleAndFacts() {
        FactsBuilder bigFirstOrder = customer().email("ada@example.com").order(daysAgo(100), "1200");

        StageDecision decision = model.decide(bigFirstOrder, NOW);

        assertThat(decision.stage()).isEqualTo("vip");
        assertThat(decision.rule()).isEqualTo("vip: revenue in the last 365 days is at least 1000");
        assertThat(decision.facts()).containsExactly(Map.entry("revenue in the last 365 days", new BigDecimal("1200")));
        assertThat(decision.nextChange()).isEqualTo(daysAgo(100).plus(Duration.ofDays(365)));
    }

    @Test
    void nextChangeIsTheEarliestOfTheRulesTried() {
        Instant ordered = daysAgo(100);
        FactsBuilder firstBuyer = customer().order(ordered, "50");

        StageDecision decision = model.decide(firstBuyer, NOW);

        assertThat(decision.stage()).isEqualTo("first_buyer");
        assertThat(decision.rule()).isEqualTo("first_buyer: exactly 1 order in total");
        assertThat(decision.facts()).containsExactly(Map.entry("orders in total", 1L));
        // The order leaving the VIP window changes nothing (it was not VIP), and first_buyer has no window.
        assertThat(decision.nextChange()).isNull();
    }

    @Test
    void theFallbackTakesEveryoneElseWithTheFactsOfTheRulesThatFailed() {
        StageDecision decision = model.decide(customer(), NOW);

        assertThat(decision.stage()).isEqualTo("anonymous");
        assertThat(decision.rule()).isEqualTo("anonymous: no earlier stage matched");
        assertThat(decision.facts()).containsOnlyKeys("revenue in the last 365 days", "orders in total", "email");
        assertThat(decision.nextChange()).isNull();
    }

    @Test
    void aTimeBasedStageSaysWhenItEnds() {
        Instant ordered = daysAgo(20);
        RuleStageModel recency = new RuleStageModel(1, json("""
                {"stages": [
                  {"key": "recent", "name": "Recent", "when": {"days_since_last_order": {"lt": 30}}},
                  {"key": "other", "name": "Other", "when": null}
                ]}"""));
        FactsBuilder facts = customer().order(ordered, "10");

        assertThat(recency.decide(facts, NOW).nextChange()).isEqualTo(ordered.plus(Duration.ofDays(30)));
        assertThat(recency.decide(facts, ordered.plus(Duration.ofDays(30))).stage()).isEqualTo("other");
    }

    @Test
    void theModelWritesBackTheJsonItWasReadFrom() {
        assertThat(model.toJson()).isEqualTo(json(MODEL));
        assertThat(new RuleStageModel(3, model.toJson()).definition()).isEqualTo(model.definition());
    }

    @Test
    void everyProblemInADefinitionIsReportedWithItsPointer() {
        List<RuleViolation> violations = violations(
                """
                        {"stages": [
                          {"key": "VIP", "name": "VIP", "when": {"revenue": {"gte": 1000}}},
                          {"key": "loyal", "name": "Loyal", "when": {"all": [{"orders": {"gte": 2}}, {"stage": {"in": ["vip"]}}]}},
                          {"key": "loyal", "name": "Loyal again", "when": {"orders": {"gte": 1}}},
                          {"key": "other", "name": ""},
                          {"key": "last", "name": "Last", "colour": "red", "when": {"orders": {"eq": 0}}}
                        ], "version": 2}""");

        assertThat(violations).containsExactly(
                new RuleViolation("/version", "unknown key \"version\": expected forward_only, stages"),
                new RuleViolation("/stages/0/key", "expected lowercase letters, digits and _, starting with a letter, "
                        + "at most 40 characters, found \"VIP\""),
                new RuleViolation("/stages/1/when/all/1/stage",
                        "a stage model cannot use stage conditions: a stage would depend on itself"),
                new RuleViolation("/stages/2/key", "duplicate key \"loyal\", already used at /stages/1"),
                new RuleViolation("/stages/3/name", "name must not be empty"),
                new RuleViolation("/stages/3",
                        "only the last stage may leave out when: the stages after this one could never match"),
                new RuleViolation("/stages/4/colour", "unknown key \"colour\": expected key, name, when"),
                new RuleViolation("/stages/4/when",
                        "the last stage must leave out when, so that every customer has a stage"));
    }

    @Test
    void theDocumentMustHoldStages() {
        assertThat(violations("[]")).containsExactly(
                new RuleViolation("", "expected an object like {\"stages\": [...]}, found an array"));
        assertThat(violations("{}")).containsExactly(new RuleViolation("/stages", "missing stages"));
        assertThat(violations("""
                {"stages": {}}""")).containsExactly(
                new RuleViolation("/stages", "expected an array of stages, found an object"));
        assertThat(violations("""
                {"stages": []}""")).containsExactly(new RuleViolation("/stages",
                "give at least one stage: the last one, without when, takes every customer"));
        assertThat(violations("""
                {"stages": ["vip", {"key": "other", "name": "Other"}]}""")).containsExactly(
                new RuleViolation("/stages/0", "expected a stage object, found a string"));
        assertThat(violations("""
                {"stages": [{"name": "Other"}]}""")).containsExactly(
                new RuleViolation("/stages/0/key", "missing key"));
    }

    private static List<RuleViolation> violations(String definition) {
        RuleException thrown = catchThrowableOfType(RuleException.class,
                () -> new RuleStageModel(1, json(definition)));
        return thrown == null ? List.of() : thrown.violations();
    }
}
