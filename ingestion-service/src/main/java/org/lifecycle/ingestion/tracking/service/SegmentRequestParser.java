package org.lifecycle.ingestion.tracking.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a tracking request body in one streaming pass. Scalars the pipeline needs are kept; the free-form objects
 * ({@code traits}, {@code properties}, {@code context}, {@code integrations}) are only checked to be well-formed JSON
 * objects and kept as byte ranges of the body; unknown fields are skipped. The exact size of each message as sent
 * comes from the parser's offsets.
 */
public final class SegmentRequestParser {

    /** Free-form objects, forwarded byte for byte. */
    static final Set<String> OBJECT_FIELDS = Set.of("traits", "properties", "context", "integrations");

    /** Fields of a message that the pipeline reads; everything else a client sends is dropped. */
    static final Set<String> SCALAR_FIELDS = Set.of("type", "userId", "anonymousId", "messageId", "timestamp",
            "originalTimestamp", "sentAt", "event", "name", "category", "groupId", "previousId");

    private final ObjectMapper mapper;

    public SegmentRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A single call ({@code /v1/track} and the like): the whole body is the message. */
    public SegmentRequest single(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body must be a JSON object");
            }
            Map<String, JsonNode> extra = new HashMap<>(2);
            SegmentRequest.RawMessage message = message(parser, body, 0, Set.of("writeKey"), extra);
            expectEnd(parser);
            return new SegmentRequest(extra.get("writeKey"), null, null, null, List.of(message), false);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body could not be read");
        }
    }

    /** {@code /v1/batch} and {@code /v1/import}: an object with a {@code batch} array. */
    public SegmentRequest batch(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body must be a JSON object");
            }
            JsonNode writeKey = null;
            JsonNode sentAt = null;
            RawJson context = null;
            RawJson integrations = null;
            List<SegmentRequest.RawMessage> messages = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "batch" -> messages = messages(parser, body, value);
                    case "writeKey" -> writeKey = parser.readValueAsTree();
                    case "sentAt" -> sentAt = parser.readValueAsTree();
                    case "context" -> context = batchObject(parser, body, "context");
                    case "integrations" -> integrations = batchObject(parser, body, "integrations");
                    default -> parser.skipChildren();
                }
            }
            expectEnd(parser);
            if (messages == null) {
                throw ProblemException.field(ProblemType.INVALID_FIELD, "batch",
                        "batch is required: an array of messages");
            }
            if (messages.isEmpty()) {
                throw ProblemException.field(ProblemType.INVALID_FIELD, "batch",
                        "batch must hold at least one message");
            }
            return new SegmentRequest(writeKey, sentAt, context, integrations, messages, true);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body could not be read");
        }
    }

    private static List<SegmentRequest.RawMessage> messages(JsonParser parser, byte[] body, JsonToken start)
            throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        if (start != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw ProblemException.field(ProblemType.INVALID_FIELD, "batch", "batch must be an array of messages");
        }
        List<SegmentRequest.RawMessage> messages = new ArrayList<>();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT) {
                messages.add(message(parser, body, index++, Set.of(), null));
            } else {
                long from = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                long to = parser.currentLocation().getByteOffset();
                messages.add(new SegmentRequest.RawMessage(index++, to - from, false, Map.of(), Map.of()));
            }
        }
        return messages;
    }

    /** Reads one message object; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
    private static SegmentRequest.RawMessage message(JsonParser parser, byte[] body, int index,
            Set<String> extraFields, Map<String, JsonNode> extra) throws IOException {
        long from = parser.currentTokenLocation().getByteOffset();
        Map<String, JsonNode> fields = new HashMap<>(16);
        Map<String, RawJson> objects = new HashMap<>(8);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (OBJECT_FIELDS.contains(field)) {
                if (value == JsonToken.START_OBJECT) {
                    objects.put(field, slice(parser, body));
                } else {
                    // Kept as a node so that validation can say what is wrong with it.
                    fields.put(field, parser.readValueAsTree());
                }
            } else if (SCALAR_FIELDS.contains(field)) {
                fields.put(field, parser.readValueAsTree());
            } else if (extraFields.contains(field)) {
                extra.put(field, parser.readValueAsTree());
            } else {
                parser.skipChildren();
            }
        }
        long to = parser.currentLocation().getByteOffset();
        return new SegmentRequest.RawMessage(index, to - from, true, fields, objects);
    }

    private static RawJson batchObject(JsonParser parser, byte[] body, String field) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw ProblemException.field(ProblemType.INVALID_FIELD, field, field + " must be a JSON object");
        }
        return slice(parser, body);
    }

    /** The object the parser stands on, as the bytes of the body it spans; the parser is left on its end. */
    private static RawJson slice(JsonParser parser, byte[] body) throws IOException {
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int to = (int) parser.currentLocation().getByteOffset();
        return new RawJson(body, from, to);
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body",
                    "Unexpected content after the JSON object");
        }
    }

    private static ProblemException malformed(JsonProcessingException e) {
        var location = e.getLocation();
        String where = location == null
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body is not valid JSON" + where
                + ": " + e.getOriginalMessage());
    }
}
