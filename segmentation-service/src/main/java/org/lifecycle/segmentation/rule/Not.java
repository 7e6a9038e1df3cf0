package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"not": {...}}}: the condition does not hold. */
public record Not(Rule condition) implements Rule {

    public Not {
        Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return !condition.matches(facts, now);
    }

    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return condition.nextChange(facts, now);
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        Explanation inner = condition.explain(facts, now);
        return new Explanation("not", !inner.matched(), null, List.of(inner));
    }

    @Override
    public String describe() {
        return "not " + RuleWords.wrap(condition);
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.set("not", condition.toJson());
        return node;
    }

    @Override
    public List<Rule> children() {
        return List.of(condition);
    }
}
