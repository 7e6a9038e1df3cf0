package org.lifecycle.ingestion.tracking.service;

import java.util.List;

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
     * type can be named), free-form objects as the raw bytes sent; both in arrays indexed by {@link #slot}, because a
     * map per message costs more than everything else done with it.
     */
    public record RawMessage(int index, long bytes, boolean object, JsonNode[] fields, RawJson[] objects) {

        static final int SCALARS = 12;

        /** A message that is not a JSON object, or one whose fields do not matter. */
        static RawMessage empty(int index, long bytes, boolean object) {
            return new RawMessage(index, bytes, object, new JsonNode[SCALARS + 4], new RawJson[4]);
        }

        public JsonNode field(String name) {
            int slot = slot(name);
            if (slot >= 0) {
                return fields[slot];
            }
            int objectSlot = objectSlot(name);
            return objectSlot >= 0 ? fields[SCALARS + objectSlot] : null;
        }

        public RawJson objectField(String name) {
            int slot = objectSlot(name);
            return slot >= 0 ? objects[slot] : null;
        }

        /** The slot of a scalar field the pipeline reads, or -1. */
        static int slot(String name) {
            return switch (name) {
                case "type" -> 0;
                case "userId" -> 1;
                case "anonymousId" -> 2;
                case "messageId" -> 3;
                case "timestamp" -> 4;
                case "originalTimestamp" -> 5;
                case "sentAt" -> 6;
                case "event" -> 7;
                case "name" -> 8;
                case "category" -> 9;
                case "groupId" -> 10;
                case "previousId" -> 11;
                default -> -1;
            };
        }

        /** The slot of a free-form object field, or -1. */
        static int objectSlot(String name) {
            return switch (name) {
                case "traits" -> 0;
                case "properties" -> 1;
                case "context" -> 2;
                case "integrations" -> 3;
                default -> -1;
            };
        }
    }
}
