package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"all": [...]}}: every condition holds. */
public record AllOf(List<Rule> conditions) implements Rule {

    public AllOf {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("all needs at least one condition");
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return conditions.stream().allMatch(condition -> condition.matches(facts, now));
    }

    /** Every condition, not only the first that fails: any of them changing may change the result. */
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
        return new Explanation("all of", explained.stream().allMatch(Explanation::matched), null, explained);
    }

    @Override
    public String describe() {
        return RuleWords.join(conditions, " and ");
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode array = node.putArray("all");
        conditions.forEach(condition -> array.add(condition.toJson()));
        return node;
    }

    @Override
    public List<Rule> children() {
        return conditions;
    }
}
