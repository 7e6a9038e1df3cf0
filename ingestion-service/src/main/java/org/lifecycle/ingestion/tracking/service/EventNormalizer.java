package org.lifecycle.ingestion.tracking.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.Violation;
import org.lifecycle.ingestion.tracking.service.EventWriter.Field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates one Segment message the way Segment does and turns it into the {@code lifecycle.events} record: a
 * deterministic event id, {@code receivedAt}, and {@code occurredAt} corrected for the client's clock skew. Pure: no
 * I/O, the time of receipt is passed in.
 */
public final class EventNormalizer {

    /** Identity values become Kafka keys and database keys: keep them to a sane length. */
    static final int MAX_ID_LENGTH = 1024;

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final MessageType[] MESSAGE_TYPES = MessageType.values();
    private static final ObjectMapper MERGE_JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final int maxEventBytes;

    public EventNormalizer(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** The accepted form of a message: its Kafka key, its type and the JSON record to publish. */
    public record NormalizedEvent(String key, MessageType type, byte[] value) {
    }

    /** The request-wide facts every message of a request shares. */
    public record Receipt(String sourceId, Instant receivedAt, String receivedAtText, JsonNode batchSentAt,
            Instant validBatchSentAt, RawJson batchContext, RawJson batchIntegrations, byte[] sourceLine) {

        /**
         * A valid batch-level {@code sentAt} is read here once for all the request's messages; an invalid one is
         * left to each message, which reports it.
         */
        public static Receipt of(String sourceId, Instant receivedAt, JsonNode batchSentAt, RawJson batchContext,
                RawJson batchIntegrations) {
            Instant validBatchSentAt = batchSentAt == null
                    ? null
                    : timestampValue(batchSentAt, "sentAt", new Fields(false, 0, new java.util.ArrayList<>(0)));
            return new Receipt(sourceId, receivedAt, IsoInstants.format(receivedAt), batchSentAt, validBatchSentAt,
                    batchContext, batchIntegrations, EventIds.sourceLine(sourceId));
        }
    }

    /** The violation for a message over the size limit, or null when it is within it. */
    public Violation sizeViolation(SegmentRequest.RawMessage message, boolean inBatch) {
        if (message.bytes() <= maxEventBytes) {
            return null;
        }
        String detail = (inBatch ? "message " + message.index() : "the message") + " is " + message.bytes()
                + " bytes; a message may be at most " + maxEventBytes + " bytes";
        return inBatch
                ? new Violation("batch[" + message.index() + "]", message.index(), detail)
                : Violation.of("body", detail);
    }

    /**
     * @param impliedType the type given by the endpoint ({@code /v1/track}), or null in a batch where each message
     *        names its own
     * @param violations where problems are added; nothing is returned when one is found
     */
    public NormalizedEvent normalize(SegmentRequest.RawMessage message, MessageType impliedType, boolean inBatch,
            Receipt receipt, List<Violation> violations) {
        Fields fields = new Fields(inBatch, message.index(), violations);
        int before = violations.size();
        if (!message.object()) {
            fields.add(null, "must be a JSON object");
            return null;
        }

        MessageType type = type(message, impliedType, fields);
        String userId = identity(message, SegmentRequest.RawMessage.USER_ID, "userId", fields);
        String anonymousId = identity(message, SegmentRequest.RawMessage.ANONYMOUS_ID, "anonymousId", fields);
        if (userId == null && anonymousId == null && !fields.has("userId") && !fields.has("anonymousId")) {
            fields.add("userId", "userId or anonymousId is required");
        }
        String messageId = identity(message, SegmentRequest.RawMessage.MESSAGE_ID, "messageId", fields);
        Instant originalTimestamp = timestamp(message, SegmentRequest.RawMessage.TIMESTAMP, "timestamp", fields);
        if (originalTimestamp == null && !fields.has("timestamp")) {
            originalTimestamp = timestamp(message, SegmentRequest.RawMessage.ORIGINAL_TIMESTAMP, "originalTimestamp",
                    fields);
        }
        Instant sentAt = timestamp(message, SegmentRequest.RawMessage.SENT_AT, "sentAt", fields);
        if (sentAt == null && !fields.has("sentAt") && receipt.batchSentAt() != null) {
            sentAt = receipt.validBatchSentAt() != null
                    ? receipt.validBatchSentAt()
                    : timestampValue(receipt.batchSentAt(), "sentAt", new Fields(false, 0, violations));
        }
        for (int slot = 0; slot < SegmentRequestParser.OBJECT_FIELDS.size(); slot++) {
            JsonNode notAnObject = message.notAnObject(slot);
            if (notAnObject != null && !notAnObject.isNull()) {
                String objectField = SegmentRequestParser.OBJECT_FIELDS.get(slot);
                fields.add(objectField, objectField + " must be a JSON object");
            }
        }

        String event = null;
        String name = text(message, SegmentRequest.RawMessage.NAME, "name", fields);
        String category = text(message, SegmentRequest.RawMessage.CATEGORY, "category", fields);
        String groupId = null;
        String previousId = null;
        if (type == MessageType.TRACK) {
            event = text(message, SegmentRequest.RawMessage.EVENT, "event", fields);
            if (event == null && !fields.has("event")) {
                fields.add("event", "event is required for a track call");
            } else if (event != null && event.isBlank()) {
                fields.add("event", "event must not be blank");
            }
        } else if (type == MessageType.GROUP) {
            groupId = identity(message, SegmentRequest.RawMessage.GROUP_ID, "groupId", fields);
            if (groupId == null && !fields.has("groupId")) {
                fields.add("groupId", "groupId is required for a group call");
            }
        } else if (type == MessageType.ALIAS) {
            previousId = identity(message, SegmentRequest.RawMessage.PREVIOUS_ID, "previousId", fields);
            if (previousId == null && !fields.has("previousId")) {
                fields.add("previousId", "previousId is required for an alias call");
            }
            if (userId == null && !fields.has("userId")) {
                fields.add("userId", "userId is required for an alias call");
            }
        }
        if (violations.size() > before) {
            return null;
        }

        Instant receivedAt = receipt.receivedAt();
        if (messageId == null) {
            messageId = UUID.randomUUID().toString();
        }
        boolean pageLike = type == MessageType.PAGE || type == MessageType.SCREEN;
        // The id is CustomerEvent.eventId(sourceId, messageId), written in place.
        EventWriter record = EventWriter.forThisThread()
                .eventId(Field.ID, receipt.sourceLine(), messageId)
                .string(Field.TYPE, type.wireName())
                .number(Field.VERSION, CustomerEvent.VERSION)
                .instant(Field.OCCURRED_AT, occurredAt(originalTimestamp, sentAt, receivedAt))
                .string(Field.RECEIVED_AT, receipt.receivedAtText())
                .instant(Field.SENT_AT, sentAt)
                .instant(Field.ORIGINAL_TIMESTAMP, originalTimestamp)
                .string(Field.SOURCE_ID, receipt.sourceId())
                .string(Field.MESSAGE_ID, messageId)
                .string(Field.USER_ID, userId)
                .string(Field.ANONYMOUS_ID, anonymousId)
                .string(Field.EVENT, event)
                .string(Field.NAME, pageLike ? name : null)
                .string(Field.CATEGORY, pageLike ? category : null)
                .string(Field.GROUP_ID, groupId)
                .string(Field.PREVIOUS_ID, previousId);
        if (type == MessageType.IDENTIFY || type == MessageType.GROUP) {
            objectOrEmpty(record, Field.TRAITS, message.object(SegmentRequest.RawMessage.TRAITS));
        }
        if (type == MessageType.TRACK || pageLike) {
            objectOrEmpty(record, Field.PROPERTIES, message.object(SegmentRequest.RawMessage.PROPERTIES));
        }
        merged(record, Field.CONTEXT, receipt.batchContext(), message.object(SegmentRequest.RawMessage.CONTEXT));
        merged(record, Field.INTEGRATIONS, receipt.batchIntegrations(),
                message.object(SegmentRequest.RawMessage.INTEGRATIONS));
        return new NormalizedEvent(userId != null ? userId : anonymousId, type, record.finish());
    }

    /**
     * Segment's skew correction: the client stamped the event at {@code timestamp} by its clock and sent it at
     * {@code sentAt} by the same clock, so the event happened {@code sentAt - timestamp} before we received it.
     */
    static Instant occurredAt(Instant originalTimestamp, Instant sentAt, Instant receivedAt) {
        if (originalTimestamp == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return originalTimestamp;
        }
        Instant corrected = receivedAt.minus(Duration.between(originalTimestamp, sentAt));
        return corrected.isBefore(EARLIEST) ? originalTimestamp : corrected;
    }

    private static MessageType type(SegmentRequest.RawMessage message, MessageType impliedType, Fields fields) {
        if (impliedType != null) {
            return impliedType;
        }
        JsonNode type = message.scalar(SegmentRequest.RawMessage.TYPE);
        if (type == null || type.isNull()) {
            fields.add("type", "type is required: one of identify, track, page, screen, group, alias");
            return null;
        }
        if (!type.isTextual()) {
            fields.add("type", "type must be a string");
            return null;
        }
        String text = type.textValue();
        // Nearly every message spells its type exactly; only other spellings go through the lenient parse.
        for (MessageType known : MESSAGE_TYPES) {
            if (known.wireName().equals(text)) {
                return known;
            }
        }
        return MessageType.parse(text).orElseGet(() -> {
            fields.add("type", "unknown type '" + type.textValue()
                    + "': expected one of identify, track, page, screen, group, alias");
            return null;
        });
    }

    /** Segment accepts ids as strings or numbers; numbers are kept as their decimal text. */
    private static String identity(SegmentRequest.RawMessage message, int slot, String field, Fields fields) {
        JsonNode value = message.scalar(slot);
        if (value == null || value.isNull()) {
            return null;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isIntegralNumber() || value.isNumber()) {
            text = value.asText();
        } else {
            fields.add(field, field + " must be a string or a number");
            return null;
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_ID_LENGTH) {
            fields.add(field, field + " must be at most " + MAX_ID_LENGTH + " characters");
            return null;
        }
        return text;
    }

    private static String text(SegmentRequest.RawMessage message, int slot, String field, Fields fields) {
        JsonNode value = message.scalar(slot);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fields.add(field, field + " must be a string");
            return null;
        }
        return value.textValue();
    }

    private static Instant timestamp(SegmentRequest.RawMessage message, int slot, String field, Fields fields) {
        JsonNode value = message.scalar(slot);
        return value == null ? null : timestampValue(value, field, fields);
    }

    private static Instant timestampValue(JsonNode value, String field, Fields fields) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fields.add(field, field + " must be an ISO-8601 date-time string");
            return null;
        }
        Instant instant = parseInstant(value.textValue());
        if (instant == null) {
            fields.add(field, field + " '" + abbreviate(value.textValue())
                    + "' is not an ISO-8601 date-time (e.g. 2024-05-01T12:30:00.000Z)");
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            fields.add(field, field + " must lie between 1970 and 9999");
            return null;
        }
        return instant;
    }

    static Instant parseInstant(String text) {
        return IsoInstants.parse(text);
    }

    private static void objectOrEmpty(EventWriter record, Field field, RawJson value) {
        if (value == null) {
            record.raw(field, EMPTY_OBJECT);
        } else {
            record.raw(field, value);
        }
    }

    /**
     * Batch-level context or integrations apply to every message; the message's own fields win. Only when both are
     * present is anything parsed.
     */
    private static void merged(EventWriter record, Field field, RawJson batchLevel, RawJson own) {
        if (batchLevel == null) {
            objectOrEmpty(record, field, own);
        } else if (own == null) {
            record.raw(field, batchLevel);
        } else {
            try {
                ObjectNode result = (ObjectNode) MERGE_JSON.readTree(batchLevel.body(), batchLevel.from(),
                        batchLevel.length());
                result.setAll((ObjectNode) MERGE_JSON.readTree(own.body(), own.from(), own.length()));
                record.raw(field, MERGE_JSON.writeValueAsBytes(result));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Both objects were parsed once already", e);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /**
     * Collects violations under the message's path ({@code batch[3].event}) and remembers which fields failed. The
     * path and the set are made only when there is a violation: most messages have none.
     */
    private static final class Fields {
        private final boolean inBatch;
        private final int position;
        private final List<Violation> violations;
        private java.util.Set<String> failed;

        Fields(boolean inBatch, int position, List<Violation> violations) {
            this.inBatch = inBatch;
            this.position = position;
            this.violations = violations;
        }

        void add(String field, String detail) {
            if (failed == null) {
                failed = new java.util.HashSet<>();
            }
            if (field != null) {
                failed.add(field);
            }
            String prefix = inBatch ? "batch[" + position + "]" : null;
            Integer index = inBatch ? position : null;
            String path = field == null
                    ? (prefix == null ? "body" : prefix)
                    : (prefix == null ? field : prefix + "." + field);
            String sentence = field == null
                    ? (prefix == null ? "the message " : "message " + index + " ") + detail
                    : detail;
            violations.add(new Violation(path, index, sentence));
        }

        boolean has(String field) {
            return failed != null && failed.contains(field);
        }
    }
}
