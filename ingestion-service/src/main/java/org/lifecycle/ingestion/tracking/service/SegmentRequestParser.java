package org.lifecycle.ingestion.tracking.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads a tracking request body. A batch is streamed element by element so that the size of each message as sent is
 * known exactly (from parser offsets) without serialising anything again.
 */
public final class SegmentRequestParser {

    private final ObjectMapper mapper;

    public SegmentRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A single call ({@code /v1/track} and the like): the whole body is the message. */
    public SegmentRequest single(byte[] body) {
        JsonNode node = readTree(body);
        if (!node.isObject()) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body must be a JSON object");
        }
        return new SegmentRequest(node.get("writeKey"), null, null, null,
                List.of(new SegmentRequest.RawMessage(0, node, body.length)), false);
    }

    /** {@code /v1/batch} and {@code /v1/import}: an object with a {@code batch} array. */
    public SegmentRequest batch(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body must be a JSON object");
            }
            JsonNode writeKey = null;
            JsonNode sentAt = null;
            JsonNode context = null;
            JsonNode integrations = null;
            List<SegmentRequest.RawMessage> messages = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "batch" -> messages = messages(parser, value);
                    case "writeKey" -> writeKey = parser.readValueAsTree();
                    case "sentAt" -> sentAt = parser.readValueAsTree();
                    case "context" -> context = parser.readValueAsTree();
                    case "integrations" -> integrations = parser.readValueAsTree();
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw ProblemException.field(ProblemType.MALFORMED_JSON, "body",
                        "Unexpected content after the JSON object");
            }
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

    private static List<SegmentRequest.RawMessage> messages(JsonParser parser, JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        if (start != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw ProblemException.field(ProblemType.INVALID_FIELD, "batch", "batch must be an array of messages");
        }
        List<SegmentRequest.RawMessage> messages = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long from = parser.currentTokenLocation().getByteOffset();
            JsonNode node = parser.currentToken() == JsonToken.VALUE_NULL
                    ? NullNode.getInstance()
                    : parser.readValueAsTree();
            long to = parser.currentLocation().getByteOffset();
            messages.add(new SegmentRequest.RawMessage(index++, node, to - from));
        }
        return messages;
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body could not be read");
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
