package org.lifecycle.segmentation.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleStageModel;
import org.lifecycle.segmentation.rule.RuleViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.segmentation.scoring.ScoreCardTest.json;

class HubSpotStagePresetTest {

    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    private static RuleStageModel model(String options) {
        return new RuleStageModel(2, HubSpotStagePreset.definition(HubSpotStagePreset.options(
                options == null ? null : json(options), 400)));
    }

    /** Decides at {@code at} as the engine does: the state carries the stage decided before. */
    private static String decide(RuleStageModel model, ProfileState state, Instant at) {
        state.stage = model.decide(state, at).stage();
        return state.stage;
    }

    @Test
    void stagesRunFromEvangelistDownToVisitorAndForwardOnlyIsTheDefault() {
        RuleStageModel model = model(null);

        assertThat(model.stages()).containsExactly("evangelist", "customer", "opportunity", "sales_qualified_lead",
                "marketing_qualified_lead", "lead", "subscriber", "visitor");
        assertThat(model.forwardOnly()).isTrue();
    }

    @Test
    void aContactMovesForwardOnEachSignalAndNeverBack() {
        RuleStageModel model = model("{\"mql_plan\": \"engagement\", \"mql_threshold\": 40}");
        ProfileState state = new ProfileState("p-1");
        assertThat(decide(model, state, T)).isEqualTo("visitor");

        state.identify(LifecycleJson.mapper().createObjectNode().put("email", "ada@example.com"), T);
        assertThat(decide(model, state, T)).isEqualTo("subscriber");
        state.activity.record("Form Submitted", T, Map.of());
        assertThat(decide(model, state, T)).isEqualTo("lead");
        state.scores.put("engagement", 45.0);
        assertThat(decide(model, state, T)).isEqualTo("marketing_qualified_lead");
        state.activity.record("Sales Qualified", T, Map.of());
        assertThat(decide(model, state, T)).isEqualTo("sales_qualified_lead");
        state.activity.record("Checkout Started", T, Map.of());
        assertThat(decide(model, state, T)).isEqualTo("opportunity");
        state.order(new OrderFact("o-1", T, java.math.BigDecimal.TEN, false, List.of()));
        assertThat(decide(model, state, T)).isEqualTo("customer");
        state.activity.record("Survey Responded", T, NpsAnswer.withCategory("Survey Responded",
                LifecycleJson.mapper().createObjectNode().put("nps_score", 9), Map.of()));
        assertThat(decide(model, state, T)).isEqualTo("evangelist");

        // the order refunded and every window passed: the rules alone say subscriber, forward only keeps evangelist
        state.refund("o-1", null);
        state.scores.put("engagement", 0.0);
        Instant later = T.plus(Duration.ofDays(400));
        assertThat(decide(model, state, later)).isEqualTo("evangelist");
        assertThat(model.decide(state, later).rule()).startsWith("evangelist: kept, the model moves customers "
                + "forward only (subscriber: ");
    }

    @Test
    void withoutForwardOnlyTheRulesDecideAlone() {
        RuleStageModel model = model("{\"forward_only\": false}");
        ProfileState state = new ProfileState("p-1");
        state.activity.record("Checkout Started", T, Map.of());
        assertThat(decide(model, state, T)).isEqualTo("opportunity");
        assertThat(decide(model, state, T.plus(Duration.ofDays(366)))).isEqualTo("visitor");
    }

    @Test
    void theOverrideTraitSetsAStageByHand() {
        RuleStageModel model = model(null);
        ProfileState state = new ProfileState("p-1");
        state.identify(LifecycleJson.mapper().createObjectNode().put("lifecycle_stage_override",
                "sales_qualified_lead"), T);
        assertThat(decide(model, state, T)).isEqualTo("sales_qualified_lead");
    }

    @Test
    void invalidOptionsArePointedAt() {
        RuleException e = catchThrowableOfType(RuleException.class, () -> HubSpotStagePreset.options(
                json("{\"mql_plan\": \"Engagement\", \"mql_threshold\": 0, \"window_days\": 999, \"x\": 1}"), 400));
        assertThat(e.violations()).extracting(RuleViolation::pointer)
                .containsExactlyInAnyOrder("/x", "/mql_plan", "/mql_threshold", "/window_days");
    }
}
