package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"rfm": {"in": ["champions"]}}}: the customer's current RFM group is one of these. */
public record RfmGroupIn(List<String> groups) implements Rule {

    public RfmGroupIn {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("rfm in needs at least one group");
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return facts.rfmGroup() != null && groups.contains(facts.rfmGroup());
    }

    /** The RFM map has its own schedule; the caller re-evaluates segments after a group change. */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return null;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        return Explanation.leaf(describe(), matches(facts, now), "RFM group", facts.rfmGroup());
    }

    @Override
    public String describe() {
        return "RFM group is " + RuleWords.oneOf(groups);
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode in = node.putObject("rfm").putArray("in");
        groups.forEach(in::add);
        return node;
    }

    @Override
    public boolean usesRfm() {
        return true;
    }
}
