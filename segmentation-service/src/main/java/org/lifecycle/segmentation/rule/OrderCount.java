package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"orders": {"gte": 3}, "within_days": 365}}: how many orders the customer placed, in a window or (without
 * {@code within_days}) ever. Fully refunded orders do not count (see {@link ProfileFacts#orders()}).
 */
public record OrderCount(Comparison orders, OrderWindow window) implements Rule {

    public OrderCount {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(window, "window");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return orders.test(window.totals(facts, now).count());
    }

    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return window.nextChange(facts, now, totals -> orders.test(totals.count()));
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        long count = window.totals(facts, now).count();
        return Explanation.leaf(describe(), orders.test(count), "orders " + window.words(), count);
    }

    @Override
    public String describe() {
        return orders.words() + " " + RuleWords.noun(orders.value(), "order", "orders") + " " + window.words();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        orders.writeTo(node.putObject("orders"));
        window.writeTo(node);
        return node;
    }
}
