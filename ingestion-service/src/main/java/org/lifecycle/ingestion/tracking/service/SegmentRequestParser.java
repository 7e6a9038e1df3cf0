package org.lifecycle.ingestion.tracking.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a tracking request body in one pass with {@link JsonScanner}. Scalars the pipeline needs are decoded; the
 * free-form objects ({@code traits}, {@code properties}, {@code context}, {@code integrations}) are only validated and
 * kept as byte ranges of the body; unknown fields are validated and dropped. The size of each message as sent is the
 * length of its range.
 */
public final class SegmentRequestParser {

    /** Free-form objects, forwarded byte for byte. */
    static final List<String> OBJECT_FIELDS = List.of("traits", "properties", "context", "integrations");

    /**
     * The message fields the pipeline reads, in slot order ({@link SegmentRequest.RawMessage#slot}), then the object
     * fields in their slot order, then {@code writeKey}: field names are matched against these bytes.
     */
    private static final List<String> MESSAGE_FIELDS = List.of("type", "userId", "anonymousId", "messageId",
            "timestamp", "originalTimestamp", "sentAt", "event", "name", "category", "groupId", "previousId",
            "traits", "properties", "context", "integrations", "writeKey");
    private static final byte[][] MESSAGE_FIELD_BYTES = MESSAGE_FIELDS.stream()
            .map(f -> f.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new);
    private static final int WRITE_KEY = MESSAGE_FIELDS.indexOf("writeKey");

    static {
        for (int i = 0; i < SegmentRequest.RawMessage.SCALARS; i++) {
            if (SegmentRequest.RawMessage.slot(MESSAGE_FIELDS.get(i)) != i) {
                throw new IllegalStateException("MESSAGE_FIELDS out of step with the slots at " + i);
            }
        }
        for (int i = 0; i < OBJECT_FIELDS.size(); i++) {
            if (!MESSAGE_FIELDS.get(SegmentRequest.RawMessage.SCALARS + i).equals(OBJECT_FIELDS.get(i))
                    || SegmentRequest.RawMessage.objectSlot(OBJECT_FIELDS.get(i)) != i) {
                throw new IllegalStateException("MESSAGE_FIELDS out of step with the object slots at " + i);
            }
        }
    }

    private final ObjectMapper mapper;

    public SegmentRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A single call ({@code /v1/track} and the like): the whole body is the message. */
    public SegmentRequest single(byte[] body) {
        JsonScanner json = new JsonScanner(body, 0, body.length);
        try {
            if (json.peek() != '{') {
                throw notAnObject(json);
            }
            Map<String, JsonNode> extra = new HashMap<>(2);
            SegmentRequest.RawMessage message = message(json, 0, Set.of("writeKey"), extra);
            expectEnd(json);
            return new SegmentRequest(extra.get("writeKey"), null, null, null, List.of(message), false);
        } catch (JsonScanner.SyntaxError e) {
            throw malformed(body, e);
        }
    }

    /** {@code /v1/batch} and {@code /v1/import}: an object with a {@code batch} array. */
    public SegmentRequest batch(byte[] body) {
        JsonScanner json = new JsonScanner(body, 0, body.length);
        try {
            if (json.peek() != '{') {
                throw notAnObject(json);
            }
            json.pos++;
            JsonNode writeKey = null;
            JsonNode sentAt = null;
            RawJson context = null;
            RawJson integrations = null;
            List<SegmentRequest.RawMessage> messages = null;
            boolean more = json.peek() != '}';
            if (!more) {
                json.pos++;
            }
            while (more) {
                String field = json.string();
                json.expect(':');
                switch (field) {
                    case "batch" -> messages = messages(json);
                    case "writeKey" -> writeKey = scalar(json);
                    case "sentAt" -> sentAt = scalar(json);
                    case "context" -> context = batchObject(json, "context");
                    case "integrations" -> integrations = batchObject(json, "integrations");
                    default -> json.skipValue();
                }
                more = json.next('}');
            }
            expectEnd(json);
            if (messages == null) {
                throw ProblemException.field(ProblemType.INVALID_FIELD, "batch",
                        "batch is required: an array of messages");
            }
            if (messages.isEmpty()) {
                throw ProblemException.field(ProblemType.INVALID_FIELD, "batch",
                        "batch must hold at least one message");
            }
            return new SegmentRequest(writeKey, sentAt, context, integrations, messages, true);
        } catch (JsonScanner.SyntaxError e) {
            throw malformed(body, e);
        }
    }

    private List<SegmentRequest.RawMessage> messages(JsonScanner json) {
        int first = json.peek();
        if (first == 'n') {
            json.skipValue();
            return null;
        }
        if (first != '[') {
            json.skipValue();
            throw ProblemException.field(ProblemType.INVALID_FIELD, "batch", "batch must be an array of messages");
        }
        json.pos++;
        List<SegmentRequest.RawMessage> messages = new ArrayList<>(128);
        if (json.peek() == ']') {
            json.pos++;
            return messages;
        }
        int index = 0;
        do {
            if (json.peek() == '{') {
                messages.add(message(json, index++, Set.of(), null));
            } else {
                int from = json.skipValue();
                messages.add(SegmentRequest.RawMessage.empty(index++, json.pos - from, false));
            }
        } while (json.next(']'));
        return messages;
    }

    /** Reads one message object; the scanner stands on its '{' and is left after its '}'. */
    private SegmentRequest.RawMessage message(JsonScanner json, int index, Set<String> extraFields,
            Map<String, JsonNode> extra) {
        int from = json.pos;
        json.pos++;
        JsonNode[] fields = new JsonNode[SegmentRequest.RawMessage.SCALARS + 4];
        RawJson[] objects = new RawJson[4];
        boolean more = json.peek() != '}';
        if (!more) {
            json.pos++;
        }
        while (more) {
            int known = json.name(MESSAGE_FIELD_BYTES);
            json.expect(':');
            int objectSlot = known >= SegmentRequest.RawMessage.SCALARS && known < WRITE_KEY
                    ? known - SegmentRequest.RawMessage.SCALARS
                    : -1;
            int slot = known >= 0 && known < SegmentRequest.RawMessage.SCALARS ? known : -1;
            if (objectSlot >= 0) {
                if (json.peek() == '{') {
                    int start = json.skipValue();
                    objects[objectSlot] = new RawJson(json.bytes(), start, json.pos);
                } else {
                    // Kept as a node so that validation can say what is wrong with it.
                    fields[SegmentRequest.RawMessage.SCALARS + objectSlot] = scalar(json);
                }
            } else if (slot >= 0) {
                fields[slot] = scalar(json);
            } else if (known == WRITE_KEY && extraFields.contains("writeKey")) {
                extra.put("writeKey", scalar(json));
            } else {
                json.skipValue();
            }
            more = json.next('}');
        }
        return new SegmentRequest.RawMessage(index, json.pos - from, true, fields, objects);
    }

    /** A scalar as a node; an object or array (a wrong type where a scalar belongs) is read in full for the error. */
    private JsonNode scalar(JsonScanner json) {
        JsonNode node = json.scalar();
        if (node != null) {
            return node;
        }
        int start = json.skipValue();
        try {
            return mapper.readTree(json.bytes(), start, json.pos - start);
        } catch (IOException e) {
            throw json.error("unreadable value");
        }
    }

    private static RawJson batchObject(JsonScanner json, String field) {
        int first = json.peek();
        if (first == 'n') {
            json.skipValue();
            return null;
        }
        int start = json.skipValue();
        if (first != '{') {
            throw ProblemException.field(ProblemType.INVALID_FIELD, field, field + " must be a JSON object");
        }
        return new RawJson(json.bytes(), start, json.pos);
    }

    private static void expectEnd(JsonScanner json) {
        if (json.peek() != -1) {
            throw json.error("unexpected content after the JSON object");
        }
    }

    private static ProblemException notAnObject(JsonScanner json) {
        if (json.peek() == -1) {
            return ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The request body is empty");
        }
        // A body that is not even JSON is malformed; valid JSON of the wrong shape too, as Segment answers both alike.
        return ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body must be a JSON object");
    }

    private static ProblemException malformed(byte[] body, JsonScanner.SyntaxError e) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(e.offset, body.length); i++) {
            if (body[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body is not valid JSON at line " + line
                + ", column " + column + ": " + e.getMessage());
    }
}
