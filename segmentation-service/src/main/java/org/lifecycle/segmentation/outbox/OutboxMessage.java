package org.lifecycle.segmentation.outbox;

import java.util.Map;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;
import org.lifecycle.segmentation.ServiceJson;

/**
 * A record to publish once the transaction that wrote it commits.
 *
 * @param topic the full topic name, installation prefix included
 * @param key the Kafka key: the customer's identity key, so their records stay in order
 * @param payload the record's JSON
 * @param headers Kafka headers, e.g. a dead letter's reason; empty for most records
 */
public record OutboxMessage(String topic, String key, String payload, Map<String, String> headers) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A contract record on its topic, keyed by its identity key. */
    public static OutboxMessage of(String topic, Envelope record) {
        // straight to JSON text: going through a JsonNode first cost a fifth of the CPU of applying an event
        return new OutboxMessage(topic, record.identityKey(), ServiceJson.encode(record), Map.of());
    }
}
