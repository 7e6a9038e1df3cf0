package org.lifecycle.segmentation.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreCardTest {

    /** An hour's start, so the hour of an event ends at {@code END}. */
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant END = T.plus(Duration.ofHours(1));
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final int KEPT = 400;

    private static ScoreCard card(String... plans) {
        List<ScoringPlan> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < plans.length; i++) {
            parsed.add(ScoringPlanParser.parse(json(plans[i]), null, i + 1, KEPT));
        }
        return new ScoreCard(parsed, KEPT);
    }

    private static ProfileState customer() {
        return new ProfileState("p-1");
    }

    private static ProfileState did(ProfileState state, String event, Instant at, int times) {
        for (int i = 0; i < times; i++) {
            state.activity.record(event, at.plusSeconds(i), Map.of());
        }
        return state;
    }

    private static double score(ScoreCard card, ProfileState state, String plan, Instant at) {
        return card.score(state, at).scores().get(plan);
    }

    @Test
    void pointsHalveEveryHalfLifeCountedFromTheEndOfTheEventsHour() {
        ScoreCard card = card("""
                {"key": "engagement", "name": "Engagement", "decay": {"half_life_days": 7},
                 "rules": [{"key": "opens", "event": "Email Opened", "points": 10}]}""");
        ProfileState state = did(customer(), "Email Opened", T.plusSeconds(600), 1);

        assertThat(score(card, state, "engagement", T.plusSeconds(600))).isEqualTo(10);
        assertThat(card.score(state, T.plusSeconds(600)).nextChange()).isEqualTo(END.plus(Duration.ofDays(7)));
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(7)).minus(SECOND))).isEqualTo(10);
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(7)))).isEqualTo(5);
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(14)))).isEqualTo(2.5);
        assertThat(card.score(state, END.plus(Duration.ofDays(7))).nextChange())
                .isEqualTo(END.plus(Duration.ofDays(14)));
    }

    @Test
    void pointsExpireAfterTheirDaysAndAtTheLatestWhenTheActivityIsNoLongerKept() {
        ScoreCard card = card("""
                {"key": "engagement", "name": "Engagement", "decay": {"expire_after_days": 30},
                 "rules": [{"key": "forms", "event": "Form Submitted", "points": 20},
                           {"key": "visits", "event": "Page Viewed", "points": 1, "decay": "none"}]}""");
        ProfileState state = did(did(customer(), "Form Submitted", T, 1), "Page Viewed", T, 3);

        assertThat(score(card, state, "engagement", T)).isEqualTo(23);
        assertThat(card.score(state, T).nextChange()).isEqualTo(END.plus(Duration.ofDays(30)));
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(30)).minus(SECOND))).isEqualTo(23);
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(30)))).isEqualTo(3);
        assertThat(card.score(state, END.plus(Duration.ofDays(30))).nextChange())
                .as("undecayed points leave with the activity kept")
                .isEqualTo(END.plus(Duration.ofDays(KEPT)));
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(KEPT)))).isZero();
        assertThat(card.score(state, END.plus(Duration.ofDays(KEPT))).nextChange()).isNull();
    }

    @Test
    void aRuleCapHoldsAndItsNextChangeIsWhenDecayTakesTheRuleBelowIt() {
        ScoreCard card = card("""
                {"key": "engagement", "name": "Engagement", "decay": {"half_life_days": 7},
                 "rules": [{"key": "clicks", "event": "Email Link Clicked", "points": 10, "cap": 25}]}""");
        ProfileState state = did(customer(), "Email Link Clicked", T, 5);

        assertThat(score(card, state, "engagement", T)).isEqualTo(25);
        // 50 halves to 25 after 7 days: still the cap, so nothing changes before 14 days (12.5)
        assertThat(card.score(state, T).nextChange()).isEqualTo(END.plus(Duration.ofDays(14)));
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(7)))).isEqualTo(25);
        assertThat(score(card, state, "engagement", END.plus(Duration.ofDays(14)))).isEqualTo(12.5);
    }

    @Test
    void thePlanCapHoldsAndAScoreIsNeverBelowZero() {
        ScoreCard card = card("""
                {"key": "fit", "name": "Fit", "cap": 60,
                 "rules": [{"key": "forms", "event": "Form Submitted", "points": 40},
                           {"key": "decision_maker", "when": {"trait": "job_title", "op": "eq", "value": "CTO"},
                            "points": 30},
                           {"key": "unsubscribed", "event": "Unsubscribed", "points": -100}]}""");
        ProfileState state = did(customer(), "Form Submitted", T, 1);
        ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("job_title", "CTO");
        state.identify(traits, T);

        assertThat(score(card, state, "fit", T)).isEqualTo(60);
        did(state, "Unsubscribed", T.plusSeconds(5), 1);
        assertThat(score(card, state, "fit", T.plusSeconds(5))).isZero();
    }

    @Test
    void pointsPerUnitOfAPropertyCountPromotersAnswers() {
        ScoreCard card = card("""
                {"key": "advocacy", "name": "Advocacy",
                 "rules": [{"key": "promoters", "event": "Survey Responded", "property": "nps_promoter",
                            "points": 25}]}""");
        ProfileState state = customer();
        ObjectNode promoter = LifecycleJson.mapper().createObjectNode().put("nps_score", 10);
        ObjectNode detractor = LifecycleJson.mapper().createObjectNode().put("nps_score", 3);
        state.activity.record("Survey Responded", T, NpsAnswer.withCategory("Survey Responded", promoter, Map.of()));
        state.activity.record("Survey Responded", T, NpsAnswer.withCategory("Survey Responded", detractor,
                Map.of()));

        assertThat(score(card, state, "advocacy", T)).isEqualTo(25);
    }

    @Test
    void theExplanationListsEachRuleWithItsEventsDecayApplied() {
        ScoreCard card = card("""
                {"key": "engagement", "name": "Engagement", "cap": 100, "decay": {"half_life_days": 7},
                 "rules": [{"key": "clicks", "event": "Email Link Clicked", "points": 10, "cap": 25},
                           {"key": "decision_maker", "when": {"trait": "job_title", "op": "eq", "value": "CTO"},
                            "points": 15}]}""");
        ProfileState state = did(customer(), "Email Link Clicked", T, 2);
        did(state, "Email Link Clicked", T.plus(Duration.ofDays(7)), 1);
        Instant at = END.plus(Duration.ofDays(7));

        ScoreExplanation plan = card.explain(state, at).getFirst();

        assertThat(plan.plan()).isEqualTo("engagement");
        assertThat(plan.score()).isEqualByComparingTo("20");
        assertThat(plan.decay()).isEqualTo("points halve every 7 days");
        ScoreExplanation.RuleScore clicks = plan.rules().getFirst();
        assertThat(clicks.rule()).isEqualTo("10 points per Email Link Clicked, at most 25");
        assertThat(clicks.points()).isEqualByComparingTo("20");
        assertThat(clicks.capped()).isFalse();
        assertThat(clicks.events()).extracting(ScoreExplanation.EventPoints::hour)
                .containsExactly(T.plus(Duration.ofDays(7)), T);
        ScoreExplanation.EventPoints older = clicks.events().get(1);
        assertThat(older.count()).isEqualByComparingTo("2");
        assertThat(older.earned()).isEqualByComparingTo("20");
        assertThat(older.points()).isEqualByComparingTo("10");
        assertThat(older.halvings()).isEqualTo(1);
        assertThat(older.nextHalving()).isEqualTo(END.plus(Duration.ofDays(14)));
        ScoreExplanation.RuleScore decisionMaker = plan.rules().get(1);
        assertThat(decisionMaker.points()).isEqualByComparingTo("0");
        assertThat(decisionMaker.condition().matched()).isFalse();
        assertThat(plan.score().doubleValue()).isEqualTo(score(card, state, "engagement", at));
    }

    static JsonNode json(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
