package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"any": [...]}}: at least one condition holds. */
public record AnyOf(List<Rule> conditions) implements Rule {

    public AnyOf {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("any needs at least one condition");
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return conditions.stream().anyMatch(condition -> condition.matches(facts, now));
    }

    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        Instant next = null;
        for (Rule condition : conditions) {
            next = Rule.earliest(next, condition.nextChange(facts, now));
        }
        return next;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        List<Explanation> explained = conditions.stream().map(condition -> condition.explain(facts, now)).toList();
        return new Explanation("any of", explained.stream().anyMatch(Explanation::matched), null, explained);
    }

    @Override
    public String describe() {
        return RuleWords.join(conditions, " or ");
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode array = node.putArray("any");
        conditions.forEach(condition -> array.add(condition.toJson()));
        return node;
    }

    @Override
    public List<Rule> children() {
        return conditions;
    }
}
