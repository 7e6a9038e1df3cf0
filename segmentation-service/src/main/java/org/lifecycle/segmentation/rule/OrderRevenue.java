package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"revenue": {"gte": 1000}, "within_days": 365}}: what the customer's orders were worth, net of refunds, in a
 * window or (without {@code within_days}) ever.
 */
public record OrderRevenue(Comparison revenue, OrderWindow window) implements Rule {

    public OrderRevenue {
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(window, "window");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return revenue.test(window.totals(facts, now).revenue());
    }

    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return window.nextChange(facts, now, totals -> revenue.test(totals.revenue()));
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        OrderWindow.Totals totals = window.totals(facts, now);
        return Explanation.leaf(describe(), revenue.test(totals.revenue()), fact(), totals.revenue());
    }

    @Override
    public String describe() {
        return fact() + " is " + revenue.words();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        revenue.writeTo(node.putObject("revenue"));
        window.writeTo(node);
        return node;
    }

    private String fact() {
        return "revenue " + window.words();
    }
}
