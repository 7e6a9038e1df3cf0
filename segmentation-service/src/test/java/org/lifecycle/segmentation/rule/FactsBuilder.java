package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ActivityLog;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A customer's facts for rule tests, set up in a line or two. */
final class FactsBuilder implements ProfileFacts {

    private ObjectNode traits = LifecycleJson.mapper().createObjectNode();
    private String email;
    private String phone;
    private String timeZone;
    private final List<OrderFact> orders = new ArrayList<>();
    private final ActivityLog activity = new ActivityLog();
    private final Map<String, Double> attributes = new HashMap<>();
    private String stage;
    private String rfmGroup;

    static FactsBuilder customer() {
        return new FactsBuilder();
    }

    FactsBuilder traits(String json) {
        try {
            traits = (ObjectNode) LifecycleJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
        return this;
    }

    FactsBuilder email(String email) {
        this.email = email;
        return this;
    }

    FactsBuilder phone(String phone) {
        this.phone = phone;
        return this;
    }

    FactsBuilder timeZone(String timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    FactsBuilder order(Instant at, String value) {
        orders.add(new OrderFact("order-" + orders.size(), at, new BigDecimal(value), false, List.of()));
        orders.sort(Comparator.comparing(OrderFact::at));
        return this;
    }

    FactsBuilder event(String event, Instant at) {
        activity.record(event, at, Map.of());
        return this;
    }

    FactsBuilder event(String event, Instant at, String property, double value) {
        activity.record(event, at, Map.of(property, value));
        return this;
    }

    FactsBuilder attribute(String name, double value) {
        attributes.put(name, value);
        return this;
    }

    FactsBuilder stage(String stage) {
        this.stage = stage;
        return this;
    }

    FactsBuilder rfmGroup(String rfmGroup) {
        this.rfmGroup = rfmGroup;
        return this;
    }

    @Override
    public String profileId() {
        return "profile-1";
    }

    @Override
    public ObjectNode traits() {
        return traits;
    }

    @Override
    public String email() {
        return email;
    }

    @Override
    public String phone() {
        return phone;
    }

    @Override
    public String timeZone() {
        return timeZone;
    }

    @Override
    public Map<String, Boolean> consent() {
        return Map.of();
    }

    @Override
    public Instant firstSeen() {
        return null;
    }

    @Override
    public Instant lastSeen() {
        return null;
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
        Double value = attributes.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public String stage() {
        return stage;
    }

    @Override
    public Instant stageSince() {
        return null;
    }

    @Override
    public String rfmGroup() {
        return rfmGroup;
    }
}
