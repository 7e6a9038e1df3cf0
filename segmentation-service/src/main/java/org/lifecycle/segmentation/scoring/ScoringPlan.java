package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A scoring plan (fit, engagement, ...): rules that give points, a cap on the total and how points decay. A
 * customer's score under it is a profile attribute that segments and stage models read as
 * {@code {"score": "<key>", "gte": 50}}.
 *
 * @param version the stored version this definition is; every change is a new version
 * @param cap the most the score can be; {@code null} for no cap (a score is never below 0)
 * @param decay how event points fade, unless a rule has its own
 */
public record ScoringPlan(String key, String name, String description, int version, BigDecimal cap, Decay decay,
        List<ScoreRule> rules) {

    public ScoringPlan {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(decay, "decay");
        rules = List.copyOf(rules);
    }

    /** The definition as JSON, as {@link ScoringPlanParser} reads it back. */
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("key", key);
        node.put("name", name);
        if (description != null) {
            node.put("description", description);
        }
        if (cap != null) {
            node.put("cap", cap);
        }
        if (!decay.none()) {
            node.set("decay", decay.toJson());
        }
        ArrayNode list = node.putArray("rules");
        rules.forEach(rule -> list.add(rule.toJson()));
        return node;
    }
}
