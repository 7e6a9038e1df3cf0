package org.lifecycle.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A customer's facts built in a test: orders and events, everything else empty. Stage and RFM rules read nothing
 * else.
 */
public final class TestFacts implements ProfileFacts {

    private final List<OrderFact> orders = new ArrayList<>();
    private final ActivityLog activity = new ActivityLog();

    public static TestFacts customer() {
        return new TestFacts();
    }

    /** Adds an order worth 50 at {@code at}. */
    public TestFacts order(Instant at) {
        return order(at, "50");
    }

    public TestFacts order(Instant at, String value) {
        orders.add(new OrderFact("order-" + (orders.size() + 1), at, new BigDecimal(value), false, List.of()));
        orders.sort(Comparator.comparing(OrderFact::at));
        return this;
    }

    public TestFacts event(String name, Instant at) {
        activity.record(name, at, Map.of());
        return this;
    }

    @Override
    public String profileId() {
        return "test-profile";
    }

    @Override
    public ObjectNode traits() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public String email() {
        return null;
    }

    @Override
    public String phone() {
        return null;
    }

    @Override
    public String timeZone() {
        return null;
    }

    @Override
    public Map<String, Boolean> consent() {
        return Map.of();
    }

    @Override
    public Instant firstSeen() {
        return orders.isEmpty() ? null : orders.getFirst().at();
    }

    @Override
    public Instant lastSeen() {
        return orders.isEmpty() ? null : orders.getLast().at();
    }

    @Override
    public List<OrderFact> orders() {
        return List.copyOf(orders);
    }

    @Override
    public BigDecimal unmatchedRefunds() {
        return BigDecimal.ZERO;
    }

    @Override
    public ActivityLog activity() {
        return activity;
    }

    @Override
    public OptionalDouble attribute(String name) {
        return OptionalDouble.empty();
    }

    @Override
    public String stage() {
        return null;
    }

    @Override
    public Instant stageSince() {
        return null;
    }

    @Override
    public String rfmGroup() {
        return null;
    }
}
