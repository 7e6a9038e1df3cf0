package org.lifecycle.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.lifecycle.contracts.prediction.CustomerPrediction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything the segmentation service knows of one customer, kept as one JSON document per profile so an event is
 * applied with one read and one write. The stage, RFM group and segments decided from these facts are kept beside it
 * in the profile row, where they can be indexed.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ProfileState implements ProfileFacts {

    /** {@code CustomerPrediction.probabilityAlive}: the probability that the customer still buys. */
    public static final String PROBABILITY_ALIVE = "probability_alive";
    /** {@code CustomerPrediction.expectedPurchases}: expected orders over the prediction's purchase horizon. */
    public static final String EXPECTED_PURCHASES = "expected_purchases";
    /** {@code CustomerPrediction.expectedOrderValue}: expected value of one future order. */
    public static final String EXPECTED_ORDER_VALUE = "expected_order_value";
    /** {@code CustomerPrediction.predictedLifetimeValue}: discounted value of the expected orders. */
    public static final String PREDICTED_CLV = "predicted_clv";
    private static final List<String> PREDICTED = List.of(PROBABILITY_ALIVE, EXPECTED_PURCHASES, EXPECTED_ORDER_VALUE,
            PREDICTED_CLV);

    /** Changing the last order into an earlier one must never happen: orders are kept in event-time order. */
    private static final Comparator<OrderFact> BY_TIME = Comparator.comparing(OrderFact::at)
            .thenComparing(OrderFact::orderId);

    public String profileId;
    public ObjectNode traits = JsonNodeFactory.instance.objectNode();
    /** When each trait was last set, by event time, so an older identify never overwrites a newer one. */
    public Map<String, Instant> traitTimes = new LinkedHashMap<>();
    public String email;
    public String phone;
    public String timeZone;
    public Map<String, Boolean> consent = new LinkedHashMap<>();
    public Instant firstSeen;
    public Instant lastSeen;
    /** Every order ever completed, refunded ones included (flagged), oldest first. */
    public List<OrderFact> orderHistory = new ArrayList<>();
    public BigDecimal unmatchedRefunds = BigDecimal.ZERO;
    public ActivityLog activity = new ActivityLog();
    public Map<String, Double> attributes = new LinkedHashMap<>();
    /** The prediction the predicted attributes come from; null before the first. */
    public PredictionSource prediction;
    public String stage;
    public Instant stageSince;
    public String rfmGroup;
    /** {@link #orders()}, kept until the order history changes: every rule of every decision reads it. */
    @JsonIgnore
    private List<OrderFact> counted;

    /** The score under each scoring plan in force, as last decided (decayed to that moment), by plan key. */
    public Map<String, Double> scores = new LinkedHashMap<>();

    public ProfileState() {
    }

    public ProfileState(String profileId) {
        this.profileId = profileId;
    }

    /** Notes that the customer was seen at {@code at}. */
    public void seen(Instant at) {
        if (firstSeen == null || at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (lastSeen == null || at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }

    /**
     * Takes in identify traits set at {@code at}: each trait keeps its latest value by event time. Email, phone,
     * time zone and consent flags are read from the well-known trait names.
     */
    public void identify(ObjectNode newTraits, Instant at) {
        if (newTraits == null) {
            return;
        }
        newTraits.properties().forEach(entry -> {
            Instant previous = traitTimes.get(entry.getKey());
            if (previous == null || !at.isBefore(previous)) {
                traits.set(entry.getKey(), entry.getValue());
                traitTimes.put(entry.getKey(), at);
            }
        });
        email = textTrait("email", email);
        phone = textTrait("phone", phone);
        timeZone = textTrait("timezone", timeZone);
        consentTrait("email_consent", "email");
        consentTrait("sms_consent", "sms");
        consentTrait("push_consent", "push");
    }

    /** Sets a channel's consent, e.g. {@code email=false} on {@code Unsubscribed}. */
    public void consent(String channel, boolean given) {
        consent.put(channel, given);
    }

    /**
     * Records a completed order; an order id already known is the same order (a resent event under a new message
     * id), so it is counted once.
     *
     * @return whether the order was new
     */
    public boolean order(OrderFact order) {
        for (OrderFact known : orderHistory) {
            if (known.orderId().equals(order.orderId())) {
                return false;
            }
        }
        orderHistory.add(order);
        orderHistory.sort(BY_TIME);
        counted = null;
        return true;
    }

    /** Applies a refund to the order it names, or keeps it as an unmatched refund (a cancellation of its own). */
    public void refund(String orderId, BigDecimal amount) {
        for (int i = 0; i < orderHistory.size(); i++) {
            OrderFact known = orderHistory.get(i);
            if (known.orderId().equals(orderId)) {
                orderHistory.set(i, known.refund(amount == null ? known.value() : amount));
                counted = null;
                return;
            }
        }
        if (amount != null) {
            unmatchedRefunds = unmatchedRefunds.add(amount.abs());
        }
    }

    public void attribute(String name, double value) {
        attributes.put(name, value);
    }

    /**
     * Takes in a customer's prediction: its figures replace every predicted attribute (a figure the record leaves
     * out, such as a value the spend model could not estimate, is removed). A prediction from an older fit than the
     * one applied changes nothing.
     *
     * @return whether the prediction was taken
     */
    public boolean predict(CustomerPrediction record) {
        if (prediction != null && record.fittedAt().isBefore(prediction.fittedAt())) {
            return false;
        }
        prediction = new PredictionSource(record.id(), record.model(), record.modelVersion(), record.fittedAt());
        predicted(PROBABILITY_ALIVE, record.probabilityAlive());
        predicted(EXPECTED_PURCHASES, record.expectedPurchases());
        predicted(EXPECTED_ORDER_VALUE, record.expectedOrderValue());
        predicted(PREDICTED_CLV, record.predictedLifetimeValue());
        return true;
    }

    private void predicted(String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    /** Takes in everything another profile of the same customer knows, when identity resolution merges the two. */
    public void absorb(ProfileState other) {
        other.traitTimes.forEach((name, at) -> {
            ObjectNode one = JsonNodeFactory.instance.objectNode();
            one.set(name, other.traits.get(name));
            identify(one, at);
        });
        other.consent.forEach(consent::putIfAbsent);
        if (email == null) {
            email = other.email;
        }
        if (phone == null) {
            phone = other.phone;
        }
        if (timeZone == null) {
            timeZone = other.timeZone;
        }
        if (other.firstSeen != null) {
            seen(other.firstSeen);
            seen(other.lastSeen);
        }
        other.orderHistory.forEach(this::order);
        unmatchedRefunds = unmatchedRefunds.add(other.unmatchedRefunds);
        activity.merge(other.activity);
        if (other.prediction != null
                && (prediction == null || other.prediction.fittedAt().isAfter(prediction.fittedAt()))) {
            prediction = other.prediction;
            for (String name : PREDICTED) {
                predicted(name, other.attributes.get(name));
            }
        }
        other.attributes.forEach(attributes::putIfAbsent);
    }

    @Override
    public String profileId() {
        return profileId;
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
        return consent;
    }

    @Override
    public Instant firstSeen() {
        return firstSeen;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    @JsonIgnore
    public List<OrderFact> orders() {
        List<OrderFact> known = counted;
        if (known == null) {
            List<OrderFact> out = new ArrayList<>(orderHistory.size());
            for (OrderFact order : orderHistory) {
                if (!order.refunded()) {
                    out.add(order);
                }
            }
            known = Collections.unmodifiableList(out);
            counted = known;
        }
        return known;
    }

    @Override
    public BigDecimal unmatchedRefunds() {
        return unmatchedRefunds;
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
    public OptionalDouble score(String plan) {
        Double value = scores.get(plan);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public String stage() {
        return stage;
    }

    @Override
    public Instant stageSince() {
        return stageSince;
    }

    @Override
    public String rfmGroup() {
        return rfmGroup;
    }

    @Override
    public JsonNode trait(String path) {
        return switch (path) {
            case "email" -> email == null ? null : JsonNodeFactory.instance.textNode(email);
            case "phone" -> phone == null ? null : JsonNodeFactory.instance.textNode(phone);
            case "timezone" -> timeZone == null ? null : JsonNodeFactory.instance.textNode(timeZone);
            default -> ProfileFacts.super.trait(path);
        };
    }

    private String textTrait(String name, String current) {
        JsonNode value = traits.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : current;
    }

    private void consentTrait(String trait, String channel) {
        JsonNode value = traits.get(trait);
        if (value != null && value.isBoolean()) {
            consent.put(channel, value.asBoolean());
        }
    }
}
