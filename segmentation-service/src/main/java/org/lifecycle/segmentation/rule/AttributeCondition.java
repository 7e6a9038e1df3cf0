package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"attribute": "probability_alive", "gte": 0.5}}: a numeric attribute another service published (predictions,
 * scores). A customer without the attribute matches no comparison: no prediction is not a prediction of zero.
 */
public record AttributeCondition(String name, Comparison comparison) implements Rule {

    public AttributeCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(comparison, "comparison");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        OptionalDouble value = facts.attribute(name);
        return value.isPresent() && comparison.test(value.getAsDouble());
    }

    /** Attributes change when their service publishes a new value, which is an event. */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return null;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        OptionalDouble value = facts.attribute(name);
        Object observed = value.isPresent() && Double.isFinite(value.getAsDouble())
                ? Explanation.amount(value.getAsDouble())
                : null;
        return Explanation.leaf(describe(), matches(facts, now), name, observed);
    }

    @Override
    public String describe() {
        return name + " is " + comparison.words();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("attribute", name);
        comparison.writeTo(node);
        return node;
    }
}
