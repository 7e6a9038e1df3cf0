package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.segmentation.rule.Explanation;

/**
 * Why a customer has their score under one plan: each rule with what it gave, and the events (per hour) or the
 * condition behind it, decay applied.
 *
 * @param score the score, as segments and stage rules read it
 * @param total the sum of the rules before the plan's bounds (never below 0, at most the cap)
 * @param capped whether the plan's bounds changed the total
 */
@Schema(name = "ExplainedScore", description = "A scoring plan's score for the customer, rule by rule")
public record ScoreExplanation(
        String plan,
        String name,
        int version,
        BigDecimal score,
        @Schema(description = "The sum over the rules before the plan's cap and the floor of 0") BigDecimal total,
        BigDecimal cap,
        boolean capped,
        @Schema(examples = "points halve every 30 days and expire after 90 days") String decay,
        List<RuleScore> rules) {

    /**
     * What one rule gives.
     *
     * @param points what it adds to the plan's total now, its cap applied
     * @param earned for an event rule, the decayed sum before the rule's cap; {@code null} for a condition
     * @param events the hours of events that gave points, newest first, at most 50
     * @param moreEvents how many older hours gave points but are not listed
     * @param condition for a condition rule, whether it holds and what was observed
     */
    @Schema(name = "ExplainedScoreRule", description = "One rule of a scoring plan and what it gives")
    public record RuleScore(
            String key,
            @Schema(examples = "5 points per Email Link Clicked, at most 25") String rule,
            BigDecimal points,
            BigDecimal earned,
            boolean capped,
            String decay,
            List<EventPoints> events,
            int moreEvents,
            Explanation condition) {
    }

    /**
     * The points of one hour of an event.
     *
     * @param hour the start of the hour the events happened in
     * @param count the events in the hour (or the sum of the rule's property over them)
     * @param earned what they gave when new
     * @param points what they give now, decay applied
     * @param halvings how many times their points halved
     * @param nextHalving when they halve next; {@code null} without halving
     * @param expiresAt when they stop counting
     */
    @Schema(name = "ExplainedScoreEvents", description = "One hour of events and the points it gives now")
    public record EventPoints(
            String event,
            Instant hour,
            BigDecimal count,
            BigDecimal earned,
            BigDecimal points,
            int halvings,
            Instant nextHalving,
            Instant expiresAt) {
    }
}
