package org.lifecycle.bench.segmentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.lifecycle.bench.retail.ShopEvent;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code lifecycle.events} records the benchmark writes: the replay's Segment messages as ingestion would publish
 * them (same event id derivation, the message's timestamp as {@code occurredAt}), and synthetic orders of fresh
 * customers for the latency and lateness phases.
 */
final class BenchEvents {

    private static final ObjectMapper JSON = LifecycleJson.mapper();

    private final String sourceId;

    BenchEvents(String sourceId) {
        this.sourceId = sourceId;
    }

    /** A replay message as the event ingestion would publish, received {@code receivedAt}. */
    CustomerEvent fromReplay(ShopEvent shopEvent, Instant receivedAt) {
        JsonNode msg;
        try {
            msg = JSON.readTree(shopEvent.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessageType type = MessageType.parse(msg.path("type").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown type in " + shopEvent.messageId()));
        Instant at = Instant.parse(msg.path("timestamp").asText());
        CustomerEvent.Builder builder = CustomerEvent.builder(type, sourceId, msg.path("messageId").asText())
                .occurredAt(at).originalTimestamp(at).receivedAt(receivedAt).userId(msg.path("userId").asText(null));
        if (msg.hasNonNull("event")) {
            builder.event(msg.get("event").asText());
        }
        if (msg.get("traits") instanceof ObjectNode traits) {
            builder.traits(traits);
        }
        if (msg.get("properties") instanceof ObjectNode properties) {
            builder.properties(properties);
        }
        return builder.build();
    }

    /** An {@code Order Completed} of {@code total} by {@code userId} at {@code at}. */
    CustomerEvent order(String userId, String messageId, Instant at, Instant receivedAt, double total) {
        ObjectNode properties = JSON.createObjectNode();
        properties.put("order_id", messageId);
        properties.put("total", total);
        properties.put("revenue", total);
        properties.put("currency", "GBP");
        ObjectNode product = properties.putArray("products").addObject();
        product.put("product_id", "85123A");
        product.put("sku", "85123A");
        product.put("name", "WHITE HANGING HEART T-LIGHT HOLDER");
        product.put("price", total);
        product.put("quantity", 1);
        return CustomerEvent.builder(MessageType.TRACK, sourceId, messageId).event("Order Completed").userId(userId)
                .occurredAt(at).originalTimestamp(at).receivedAt(receivedAt).properties(properties).build();
    }

    static String encode(CustomerEvent event) {
        return new String(LifecycleJson.encode(event), java.nio.charset.StandardCharsets.UTF_8);
    }
}
