package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"event": "Order Completed", "sum": {"property": "revenue", "gte": 500}, "within_days": 30}}: the total of a
 * numeric event property in a window, with the same hourly window edges as {@link EventCount}. Events without the
 * property add nothing.
 */
public record EventSum(String event, String property, Comparison sum, int withinDays) implements Rule {

    public EventSum {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(sum, "sum");
        if (withinDays < 1 || withinDays > MAX_WITHIN_DAYS) {
            throw new IllegalArgumentException("within_days must be 1.." + MAX_WITHIN_DAYS + ", was " + withinDays);
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return sum.test(observed(facts, now));
    }

    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return facts.activity().nextExpiry(event, Duration.ofDays(withinDays), now);
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        double observed = observed(facts, now);
        return Explanation.leaf(describe(), sum.test(observed), fact(), Explanation.amount(observed));
    }

    @Override
    public String describe() {
        return fact() + " is " + sum.words();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("event", event);
        ObjectNode sumNode = node.putObject("sum");
        sumNode.put("property", property);
        sum.writeTo(sumNode);
        node.put("within_days", withinDays);
        return node;
    }

    @Override
    public int maxWindowDays() {
        return withinDays;
    }

    private String fact() {
        return property + " of " + event + " " + RuleWords.lastDays(withinDays);
    }

    private double observed(ProfileFacts facts, Instant now) {
        return facts.activity().sumWithin(event, property, Duration.ofDays(withinDays), now);
    }
}
