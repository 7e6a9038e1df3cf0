package org.lifecycle.ingestion.tracking.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tracking request as read from its body, before validation: the write key and batch-level fields if any, and each
 * message with its position and its size in bytes as sent.
 */
public record SegmentRequest(JsonNode writeKey, JsonNode sentAt, RawJson context, RawJson integrations,
        List<RawMessage> messages, boolean batch) {

    /**
     * One message of the request. {@code index} is its position in the batch (0 for a single call); {@code object} is
     * false when the batch element is not a JSON object at all. Scalar fields are kept as small JSON nodes (so a wrong
     * type can be named), free-form objects as the raw bytes sent, and anything else as the node that was there.
     */
    public record RawMessage(int index, long bytes, boolean object, Map<String, JsonNode> fields,
            Map<String, RawJson> objects) {

        public JsonNode field(String name) {
            return fields.get(name);
        }

        public RawJson objectField(String name) {
            return objects.get(name);
        }
    }
}
