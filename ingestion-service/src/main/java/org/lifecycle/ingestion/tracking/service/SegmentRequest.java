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
        static final int TYPE = 0;
        static final int USER_ID = 1;
        static final int ANONYMOUS_ID = 2;
        static final int MESSAGE_ID = 3;
        static final int TIMESTAMP = 4;
        static final int ORIGINAL_TIMESTAMP = 5;
        static final int SENT_AT = 6;
        static final int EVENT = 7;
        static final int NAME = 8;
        static final int CATEGORY = 9;
        static final int GROUP_ID = 10;
        static final int PREVIOUS_ID = 11;
        /** Object slots ({@link #objectSlot}). */
        static final int TRAITS = 0;
        static final int PROPERTIES = 1;
        static final int CONTEXT = 2;
        static final int INTEGRATIONS = 3;

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

        /** The scalar in {@code slot} ({@link #slot}), or null when the message has none. */
        JsonNode scalar(int slot) {
            return fields[slot];
        }

        /** A non-object value sent where the object of {@code objectSlot} belongs, kept to name the problem. */
        JsonNode notAnObject(int objectSlot) {
            return fields[SCALARS + objectSlot];
        }

        /** The free-form object in {@code objectSlot}, as sent, or null. */
        RawJson object(int objectSlot) {
            return objects[objectSlot];
        }

        public RawJson objectField(String name) {
            int slot = objectSlot(name);
            return slot >= 0 ? objects[slot] : null;
        }

        /** The slot of a scalar field the pipeline reads, or -1. */
        static int slot(String name) {
            return switch (name) {
                case "type" -> TYPE;
                case "userId" -> USER_ID;
                case "anonymousId" -> ANONYMOUS_ID;
                case "messageId" -> MESSAGE_ID;
                case "timestamp" -> TIMESTAMP;
                case "originalTimestamp" -> ORIGINAL_TIMESTAMP;
                case "sentAt" -> SENT_AT;
                case "event" -> EVENT;
                case "name" -> NAME;
                case "category" -> CATEGORY;
                case "groupId" -> GROUP_ID;
                case "previousId" -> PREVIOUS_ID;
                default -> -1;
            };
        }

        /** The slot of a free-form object field, or -1. */
        static int objectSlot(String name) {
            return switch (name) {
                case "traits" -> TRAITS;
                case "properties" -> PROPERTIES;
                case "context" -> CONTEXT;
                case "integrations" -> INTEGRATIONS;
                default -> -1;
            };
        }
    }
}
