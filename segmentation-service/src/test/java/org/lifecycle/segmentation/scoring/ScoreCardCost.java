package org.lifecycle.segmentation.scoring;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lifecycle.segmentation.profile.ProfileState;

import static org.lifecycle.segmentation.scoring.ScoreCardTest.json;

/**
 * What scoring adds to every decision, in CPU time per score and next change: a figure, not an assertion. Runs only
 * when asked: {@code -Dlifecycle.bench=true} (README, "Scoring").
 */
@EnabledIfSystemProperty(named = "lifecycle.bench", matches = "true")
class ScoreCardCost {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int ROUNDS = 50_000;

    @Test
    void printsTheCpuTimeOfScoringALightAndAHeavyProfile() {
        ScoreCard card = new ScoreCard(List.of(ScoringPlanParser.parse(json("""
                {"key": "engagement", "name": "Engagement", "cap": 100,
                 "decay": {"half_life_days": 30, "expire_after_days": 180},
                 "rules": [{"key": "clicks", "event": "Email Link Clicked", "points": 5, "cap": 25},
                           {"key": "opens", "event": "Email Opened", "points": 1, "cap": 20},
                           {"key": "forms", "event": "Form Submitted", "points": 20},
                           {"key": "visits", "event": "Page Viewed", "points": 1, "cap": 10,
                            "decay": {"expire_after_days": 7}},
                           {"key": "cto", "when": {"trait": "job_title", "op": "eq", "value": "CTO"},
                            "points": 15}]}"""), null, 1, 400),
                ScoringPlanParser.parse(json("""
                        {"key": "fit", "name": "Fit",
                         "rules": [{"key": "orders", "when": {"orders": {"gte": 2}, "within_days": 365}, "points": 30},
                                   {"key": "big", "when": {"trait": "employees", "op": "gte", "value": 50},
                                    "points": 20}]}"""), null, 2, 400)),
                400);
        ProfileState heavy = new ProfileState("heavy");
        for (int day = 0; day < 400; day++) {
            Instant at = NOW.minus(Duration.ofDays(day));
            for (int visit = 0; visit < 3; visit++) {
                heavy.activity.record("Page Viewed", at.minus(Duration.ofHours(visit * 5L)), Map.of());
            }
            if (day % 3 == 0) {
                heavy.activity.record("Email Opened", at.minusSeconds(7200), Map.of());
            }
            if (day % 7 == 0) {
                heavy.activity.record("Email Link Clicked", at.minusSeconds(7300), Map.of());
            }
        }
        ProfileState light = new ProfileState("light");
        light.activity.record("Email Link Clicked", NOW.minusSeconds(3600), Map.of());
        light.activity.record("Form Submitted", NOW.minusSeconds(3600), Map.of());

        System.out.printf("scoring, 2 plans of 7 rules: light profile (2 events) %.2f us CPU, heavy profile (400 days:"
                + " 1200 hours of page views, 134 opens, 58 clicks) %.1f us CPU per score and next change%n",
                micros(card, light), micros(card, heavy));
    }

    private static double micros(ScoreCard card, ProfileState state) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int i = 0; i < ROUNDS / 2; i++) {
            sink += card.score(state, NOW.plusSeconds(i)).scores().get("engagement");
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            sink += card.score(state, NOW.plusSeconds(i)).scores().get("engagement");
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        return sink < 0 ? -1 : cpu / 1000.0 / ROUNDS;
    }
}
