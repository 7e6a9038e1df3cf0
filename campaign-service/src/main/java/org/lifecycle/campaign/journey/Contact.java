package org.lifecycle.campaign.journey;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What journeys, the send policy and offers may read of one customer: the contact as campaign-service keeps it from
 * the topics it consumes (traits and consent from events, the stage from transitions, segments from memberships,
 * numeric attributes that other services publish). A value, so that every decision is a plain function of it.
 *
 * @param customerKey the customer's identity key, the Kafka key of their records
 * @param traits the latest traits the customer was identified with; never {@code null}
 * @param email the address email is sent to; {@code null} when unknown
 * @param phone the number SMS is sent to; {@code null} when unknown
 * @param timeZone the IANA time zone as the customer's device or traits stated it; {@code null}, or a name that is no
 *        zone, when unknown (the send policy then uses its default zone)
 * @param stage the current lifecycle stage key; {@code null} before the first transition
 * @param segments the keys of the segments the customer is in, as {@code lifecycle.memberships} names them
 * @param consent consent per channel: true, false, or absent when the customer never stated it
 * @param attributes numeric attributes published for the customer ({@code predicted_clv}, {@code probability_alive},
 *        ...)
 * @param orders how many orders the customer placed (historical, not predicted)
 * @param revenue what those orders were worth
 * @param suppressions channels the customer may not be reached on at all, with why (hard bounce, spam complaint)
 * @param sunsetChannels channels a sunset step retired for promotional messages (see JOURNEYS.md)
 * @param deleted whether the customer asked to be erased: nothing is ever sent to them again
 */
public record Contact(
        String customerKey,
        ObjectNode traits,
        String email,
        String phone,
        String timeZone,
        String stage,
        Set<String> segments,
        Map<Channel, Boolean> consent,
        Map<String, BigDecimal> attributes,
        int orders,
        BigDecimal revenue,
        Map<Channel, String> suppressions,
        Set<Channel> sunsetChannels,
        boolean deleted) {

    public Contact {
        Objects.requireNonNull(customerKey, "customerKey");
        traits = traits == null ? LifecycleJson.mapper().createObjectNode() : traits.deepCopy();
        segments = Set.copyOf(segments);
        consent = Map.copyOf(consent);
        attributes = Map.copyOf(attributes);
        if (orders < 0) {
            throw new IllegalArgumentException("orders must not be negative, was " + orders);
        }
        revenue = Objects.requireNonNullElse(revenue, BigDecimal.ZERO);
        suppressions = Map.copyOf(suppressions);
        sunsetChannels = Set.copyOf(sunsetChannels);
    }

    public static Builder builder(String customerKey) {
        return new Builder(customerKey);
    }

    /** A trait by dotted path ({@code address.city}); {@code null} when absent or JSON null. */
    public JsonNode trait(String path) {
        JsonNode node = traits;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() ? null : node;
    }

    /** A published numeric attribute, e.g. {@code predicted_clv}; empty when not published for the customer. */
    public Optional<BigDecimal> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** A copy to change a few facts of, e.g. in a test or when a newer fact arrives. */
    public Builder toBuilder() {
        Builder builder = new Builder(customerKey);
        builder.traits = traits;
        builder.email = email;
        builder.phone = phone;
        builder.timeZone = timeZone;
        builder.stage = stage;
        builder.segments.addAll(segments);
        builder.consent.putAll(consent);
        builder.attributes.putAll(attributes);
        builder.orders = orders;
        builder.revenue = revenue;
        builder.suppressions.putAll(suppressions);
        builder.sunsetChannels.addAll(sunsetChannels);
        builder.deleted = deleted;
        return builder;
    }

    /** Builds a contact fact by fact: most customers have only a few of them. */
    public static final class Builder {

        private final String customerKey;
        private ObjectNode traits;
        private String email;
        private String phone;
        private String timeZone;
        private String stage;
        private final Set<String> segments = new LinkedHashSet<>();
        private final Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
        private final Map<String, BigDecimal> attributes = new LinkedHashMap<>();
        private int orders;
        private BigDecimal revenue = BigDecimal.ZERO;
        private final Map<Channel, String> suppressions = new EnumMap<>(Channel.class);
        private final Set<Channel> sunsetChannels = EnumSet.noneOf(Channel.class);
        private boolean deleted;

        private Builder(String customerKey) {
            this.customerKey = customerKey;
        }

        public Builder traits(ObjectNode traits) {
            this.traits = traits;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        public Builder segment(String segmentKey) {
            segments.add(segmentKey);
            return this;
        }

        public Builder consent(Channel channel, boolean given) {
            consent.put(channel, given);
            return this;
        }

        public Builder attribute(String name, BigDecimal value) {
            attributes.put(name, value);
            return this;
        }

        public Builder orders(int orders, BigDecimal revenue) {
            this.orders = orders;
            this.revenue = revenue;
            return this;
        }

        public Builder suppressed(Channel channel, String reason) {
            suppressions.put(channel, reason);
            return this;
        }

        public Builder sunset(Channel channel) {
            sunsetChannels.add(channel);
            return this;
        }

        public Builder deleted() {
            this.deleted = true;
            return this;
        }

        public Contact build() {
            return new Contact(customerKey, traits, email, phone, timeZone, stage, segments, consent, attributes,
                    orders, revenue, suppressions, sunsetChannels, deleted);
        }
    }
}
