package org.lifecycle.segmentation.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Customer events as ingestion would publish them, for tests. */
public final class Events {

    public static final String SOURCE = "test-source";

    private Events() {
    }

    public static String newCustomer() {
        return "cust-" + UUID.randomUUID();
    }

    public static CustomerEvent identify(String userId, Instant at, String email) {
        ObjectNode traits = LifecycleJson.mapper().createObjectNode();
        if (email != null) {
            traits.put("email", email);
        }
        return base(MessageType.IDENTIFY, at).userId(userId).traits(traits).build();
    }

    public static CustomerEvent identify(String userId, String anonymousId, Instant at, ObjectNode traits) {
        return base(MessageType.IDENTIFY, at).userId(userId).anonymousId(anonymousId).traits(traits).build();
    }

    public static CustomerEvent order(String userId, String orderId, Instant at, String revenue) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("order_id", orderId);
        properties.put("revenue", new BigDecimal(revenue));
        properties.put("currency", "EUR");
        return track(userId, null, "Order Completed", at, properties);
    }

    public static CustomerEvent track(String userId, String anonymousId, String name, Instant at,
            ObjectNode properties) {
        return base(MessageType.TRACK, at).userId(userId).anonymousId(anonymousId).event(name)
                .properties(properties == null ? LifecycleJson.mapper().createObjectNode() : properties).build();
    }

    public static CustomerEvent page(String anonymousId, Instant at) {
        return base(MessageType.PAGE, at).anonymousId(anonymousId).name("Home")
                .properties(LifecycleJson.mapper().createObjectNode()).build();
    }

    public static CustomerEvent alias(String userId, String previousId, Instant at) {
        return base(MessageType.ALIAS, at).userId(userId).previousId(previousId).build();
    }

    private static CustomerEvent.Builder base(MessageType type, Instant at) {
        return CustomerEvent.builder(type, SOURCE, UUID.randomUUID().toString()).occurredAt(at).receivedAt(at);
    }
}
