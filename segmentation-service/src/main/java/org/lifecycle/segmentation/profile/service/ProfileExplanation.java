package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.segmentation.profile.PredictionSource;
import org.lifecycle.segmentation.rule.Explanation;
import org.lifecycle.segmentation.scoring.ScoreExplanation;

/** Why a customer is where they are: the stage, the RFM group and every rule-based segment, with what was observed. */
@Schema(description = "Why the customer has their stage, RFM group and segments, evaluated at `at`")
public record ProfileExplanation(
        @Schema(description = "The moment evaluated: the service's time") Instant at,
        Stage stage,
        @Schema(description = "The RFM cell; null for a customer with no order") Rfm rfm,
        @Schema(description = "Every behaviour and custom segment, member or not") List<Segment> segments,
        @Schema(description = "The numeric attributes rules read (probability_alive, expected_purchases, expected_order_value, predicted_clv, ...)") Map<String, Double> attributes,
        @Schema(description = "The prediction the predicted attributes come from; null before the first") PredictionSource prediction,
        @Schema(description = "Every scoring plan in force: the score, and per rule the events or condition that gave the points, decay applied") List<ScoreExplanation> scores) {

    @Schema(name = "ExplainedStage", description = "The stage decision")
    public record Stage(
            String key,
            @Schema(description = "When the customer entered the stage; null if the stored stage differs from the one decided now") Instant since,
            @Schema(examples = "at_risk: no order for 90 days") String rule,
            @Schema(description = "What the rule looked at, e.g. days_since_last_order") Map<String, Object> facts,
            int modelVersion) {
    }

    @Schema(name = "ExplainedRfm", description = "The RFM cell")
    public record Rfm(
            String group,
            String rule,
            @Schema(description = "recency_days, recency_band, orders_in_365_days, average_order_value, ...") Map<String, Object> facts) {
    }

    @Schema(name = "ExplainedSegment", description = "A segment's rule and how it reads for the customer")
    public record Segment(
            @Schema(description = "behaviour.<key> for built-in behaviour segments, the bare key for custom ones") String key,
            @Schema(enumeration = {
                    "behaviour", "custom"}) String kind,
            String name,
            @Schema(description = "Whether the customer is in the segment at `at`") boolean member,
            @Schema(description = "The rule in words") String rule,
            @Schema(description = "The rule's tree: for each condition whether it held and what was observed") Explanation explanation){
    }
}
