package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;

import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment rule: a tree of conditions over a customer's facts at a moment, as marketers write it in JSON (see
 * RULES.md and {@link RuleParser}). Rules are values: pure functions of the facts and {@code now}.
 */
public sealed interface Rule permits AllOf, AnyOf, Not, TraitCondition, EventCount, EventSum, StageIn, RfmGroupIn,
        AttributeCondition, OrderCount, DaysSinceLastOrder, OrderRevenue, ScoreCondition {

    /** Most window lengths a condition may ask for: ten years. */
    int MAX_WITHIN_DAYS = 3650;

    boolean matches(ProfileFacts facts, Instant now);

    /**
     * The earliest moment strictly after {@code now} at which {@link #matches} could change with no new event (an
     * event leaving a window, a number of days since the last order crossing a threshold), or {@code null} when only
     * a new event can change it. It may be early (the caller then finds nothing changed and asks again), never late:
     * that is what puts a customer into {@code at_risk} on the 90th day rather than at the next batch.
     */
    Instant nextChange(ProfileFacts facts, Instant now);

    /** Why the rule matches or not, condition by condition, with what was observed. */
    Explanation explain(ProfileFacts facts, Instant now);

    /** The rule in words, e.g. {@code at least 2 Order Completed in the last 365 days}. */
    String describe();

    /** The rule as JSON that {@link RuleParser#parse} reads back to an equal rule. */
    JsonNode toJson();

    /** The conditions directly inside this one; empty for a single condition. */
    default List<Rule> children() {
        return List.of();
    }

    /** Whether a {@code stage} condition occurs anywhere: a stage model must not depend on stages. */
    default boolean usesStage() {
        return children().stream().anyMatch(Rule::usesStage);
    }

    /** Whether an {@code rfm} condition occurs anywhere: the RFM map must not depend on RFM groups. */
    default boolean usesRfm() {
        return children().stream().anyMatch(Rule::usesRfm);
    }

    /** Whether a {@code score} condition occurs anywhere: a scoring plan must not depend on scores. */
    default boolean usesScore() {
        return children().stream().anyMatch(Rule::usesScore);
    }

    /**
     * The longest event window in days ({@code within_days} of {@code event} conditions), 0 when none: the
     * {@link org.lifecycle.segmentation.profile.ActivityLog} must keep at least that much history for the rule to be
     * right. Order conditions read the profile's orders, which are not pruned, so they do not count here.
     */
    default int maxWindowDays() {
        return children().stream().mapToInt(Rule::maxWindowDays).max().orElse(0);
    }

    /** The earlier of two moments, either of which may be {@code null} for "never". */
    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
