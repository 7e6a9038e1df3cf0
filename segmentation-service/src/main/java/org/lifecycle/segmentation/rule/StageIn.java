package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"stage": {"in": ["active", "loyal"]}}}: the customer's current lifecycle stage is one of these. */
public record StageIn(List<String> stages) implements Rule {

    public StageIn {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stage in needs at least one stage");
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return facts.stage() != null && stages.contains(facts.stage());
    }

    /**
     * The stage changes when the stage model decides so; the caller re-evaluates segments after every transition,
     * so this condition adds no moment of its own.
     */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return null;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        return Explanation.leaf(describe(), matches(facts, now), "stage", facts.stage());
    }

    @Override
    public String describe() {
        return "stage is " + RuleWords.oneOf(stages);
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode in = node.putObject("stage").putArray("in");
        stages.forEach(in::add);
        return node;
    }

    @Override
    public boolean usesStage() {
        return true;
    }
}
