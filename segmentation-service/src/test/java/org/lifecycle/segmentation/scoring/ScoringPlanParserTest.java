package org.lifecycle.segmentation.scoring;

import org.junit.jupiter.api.Test;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.segmentation.scoring.ScoreCardTest.json;

class ScoringPlanParserTest {

    private static RuleException refused(String plan) {
        return catchThrowableOfType(RuleException.class, () -> ScoringPlanParser.parse(json(plan), null, 1, 400));
    }

    @Test
    void everyViolationIsPointedAtInTheDocument() {
        RuleException e = refused("""
                {"key": "Engagement", "name": "Engagement", "cap": -5, "decay": {"half_life_days": 0},
                 "rules": [
                   {"key": "clicks", "event": "Email Link Clicked", "points": "5"},
                   {"key": "clicks", "event": "Email Opened", "points": 1, "decay": {"expire_after_days": 500}},
                   {"key": "cto", "when": {"trait": "job_title", "op": "is", "value": "CTO"}, "points": 5},
                   {"key": "loop", "when": {"all": [{"orders": {"gte": 1}}, {"score": "fit", "gte": 5}]},
                    "points": 5},
                   {"key": "both", "event": "X", "when": {"orders": {"gte": 1}}, "points": 1},
                   {"key": "nothing", "points": 0}
                 ]}""");

        assertThat(e.violations()).extracting(RuleViolation::pointer).containsExactly(
                "/key", "/cap", "/decay/half_life_days", "/rules/0/points", "/rules/1/key",
                "/rules/1/decay/expire_after_days", "/rules/2/when/op", "/rules/3/when/all/1/score",
                "/rules/4/when", "/rules/5/points", "/rules/5/event");
    }

    @Test
    void aPlanReadsBackToTheSameDefinition() {
        String text = """
                {"key": "engagement", "name": "Engagement", "cap": 100,
                 "decay": {"half_life_days": 30, "expire_after_days": 180},
                 "rules": [{"key": "clicks", "event": "Email Link Clicked", "points": 5, "cap": 25},
                           {"key": "visits", "event": "Page Viewed", "points": 1, "decay": "none"},
                           {"key": "cto", "when": {"trait": "job_title", "op": "eq", "value": "CTO"}, "points": 15}]}""";
        ScoringPlan plan = ScoringPlanParser.parse(json(text), null, 1, 400);

        assertThat(plan.toJson().toString()).isEqualTo(json(text).toString());
        assertThat(ScoringPlanParser.parse(plan.toJson(), null, 1, 400)).isEqualTo(plan);
    }
}
