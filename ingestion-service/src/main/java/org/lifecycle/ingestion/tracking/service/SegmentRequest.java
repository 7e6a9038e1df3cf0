package org.lifecycle.ingestion.tracking.service;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tracking request as read from its body, before validation: the write key and batch-level fields if any, and each
 * message with its position and its size in bytes as sent.
 */
public record SegmentRequest(JsonNode writeKey, JsonNode sentAt, JsonNode context, JsonNode integrations,
        List<RawMessage> messages, boolean batch) {

    /** One message of the request: {@code index} is its position in the batch (0 for a single call). */
    public record RawMessage(int index, JsonNode node, long bytes) {
    }
}
