package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"score": "engagement", "gte": 50}}: the customer's score under a scoring plan (README, "Scoring"). A
 * customer without a score under the plan (the plan does not exist) matches no comparison; a plan gives every other
 * customer a score, 0 when nothing earned points.
 *
 * @param plan the scoring plan's key
 */
public record ScoreCondition(String plan, Comparison comparison) implements Rule {

    public ScoreCondition {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(comparison, "comparison");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        OptionalDouble value = facts.score(plan);
        return value.isPresent() && comparison.test(value.getAsDouble());
    }

    /**
     * Scores change with events and with decay; the classifier schedules the moments decay changes a score, so this
     * condition adds none of its own.
     */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return null;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        OptionalDouble value = facts.score(plan);
        return Explanation.leaf(describe(), matches(facts, now), "score." + plan,
                value.isPresent() ? Explanation.amount(value.getAsDouble()) : null);
    }

    @Override
    public String describe() {
        return "score." + plan + " is " + comparison.words();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("score", plan);
        comparison.writeTo(node);
        return node;
    }

    @Override
    public boolean usesScore() {
        return true;
    }
}
