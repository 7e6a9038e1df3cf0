package org.lifecycle.ingestion.tracking.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.Violation;
import org.lifecycle.ingestion.tracking.service.EventNormalizer.NormalizedEvent;
import org.lifecycle.ingestion.tracking.service.EventNormalizer.Receipt;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class EventNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
    private final EventNormalizer normalizer = new EventNormalizer(32_768);

    @Test
    void skewIsCorrectedWhenTheClientSendsTimestampAndSentAt() {
        // The client clock is 2 hours fast; the event happened 30 s before the client sent it.
        Instant occurred = EventNormalizer.occurredAt(Instant.parse("2026-11-23T11:59:30Z"),
                Instant.parse("2026-11-23T12:00:00Z"), RECEIVED);
        assertThat(occurred).isEqualTo(Instant.parse("2026-11-23T09:59:30Z"));
    }

    @Test
    void withoutSentAtTheTimestampIsTakenAsSentAndWithoutTimestampTheReceiptTime() {
        Instant timestamp = Instant.parse("2011-12-09T12:50:00Z");
        assertThat(EventNormalizer.occurredAt(timestamp, null, RECEIVED)).isEqualTo(timestamp);
        assertThat(EventNormalizer.occurredAt(null, Instant.parse("2026-11-23T12:00:00Z"), RECEIVED))
                .isEqualTo(RECEIVED);
    }

    @Test
    void acceptsTheTimestampFormsClientsSend() {
        assertThat(EventNormalizer.parseInstant("2024-05-01T12:30:00.123Z"))
                .isEqualTo(Instant.parse("2024-05-01T12:30:00.123Z"));
        assertThat(EventNormalizer.parseInstant("2024-05-01T14:30:00+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(EventNormalizer.parseInstant("2024-05-01T14:30:00.000+0200"))
                .isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(EventNormalizer.parseInstant("2024-05-01T12:30:00"))
                .isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(EventNormalizer.parseInstant("01/05/2024")).isNull();
    }

    @Test
    void identityKeyIsTheUserIdElseTheAnonymousId() {
        assertThat(normalize("{\"userId\":\"u1\",\"anonymousId\":\"a1\",\"event\":\"x\"}").key()).isEqualTo("u1");
        assertThat(normalize("{\"anonymousId\":\"a1\",\"event\":\"x\"}").key()).isEqualTo("a1");
        assertThat(normalize("{\"userId\":\"  \",\"anonymousId\":\"a1\",\"event\":\"x\"}").key()).isEqualTo("a1");
    }

    @Test
    void fieldNamesWrittenWithEscapesAreTheSameFields() {
        NormalizedEvent event = normalize("{\"user\\u0049d\":\"u1\",\"\\u0065vent\":\"x\",\"userIdx\":\"no\"}");
        assertThat(event.key()).isEqualTo("u1");
        assertThat(LifecycleJson.decode(event.value(), JsonNode.class).get("event").asText()).isEqualTo("x");
    }

    @Test
    void unknownTopLevelFieldsAreDroppedAndTheEnvelopeIsComplete() {
        NormalizedEvent event = normalize("{\"userId\":\"u1\",\"event\":\"x\",\"channel\":\"server\",\"version\":7}");
        JsonNode value = LifecycleJson.decode(event.value(), JsonNode.class);
        assertThat(value.has("channel")).isFalse();
        assertThat(value.get("version").asInt()).isEqualTo(1);
        assertThat(value.get("receivedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(value.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(value.get("sourceId").asText()).isEqualTo("src-1");
        assertThat(value.get("properties").isObject()).isTrue();
    }

    @Test
    void everyProblemOfAMessageIsReportedUnderItsBatchPath() {
        List<Violation> violations = new ArrayList<>();
        var message = parse("{\"batch\":[{},{},{},{},{\"type\":\"track\",\"properties\":3,\"timestamp\":\"soon\"}]}")
                .messages().get(4);
        var result = normalizer.normalize(message, null, true, receipt(), violations);
        assertThat(result).isNull();
        assertThat(violations).extracting(Violation::field)
                .containsExactlyInAnyOrder("batch[4].userId", "batch[4].timestamp", "batch[4].properties",
                        "batch[4].event");
        assertThat(violations).allSatisfy(v -> assertThat(v.index()).isEqualTo(4));
    }

    @Test
    void messagesOverTheLimitAreNamedByIndex() {
        var big = SegmentRequest.RawMessage.empty(2, 40_000, true);
        assertThat(normalizer.sizeViolation(big, true).field()).isEqualTo("batch[2]");
        var limit = SegmentRequest.RawMessage.empty(0, 32_768, true);
        assertThat(normalizer.sizeViolation(limit, false)).isNull();
    }

    private NormalizedEvent normalize(String json) {
        List<Violation> violations = new ArrayList<>();
        var message = new SegmentRequestParser(LifecycleJson.mapper())
                .single(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).messages().getFirst();
        var event = normalizer.normalize(message, MessageType.TRACK, false, receipt(), violations);
        assertThat(violations).isEmpty();
        return event;
    }

    @Test
    void freeFormObjectsAreForwardedByteForByte() {
        NormalizedEvent event = normalize(
                "{\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":0.10,\"note\":\"caf\u00e9 \\\"x\\\"\",\"n\":1e3}}");
        String json = new String(event.value(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"properties\":{\"revenue\":0.10,\"note\":\"caf\u00e9 \\\"x\\\"\",\"n\":1e3}");
        assertThat(LifecycleJson.decode(event.value(), JsonNode.class).get("properties").get("revenue").decimalValue())
                .isEqualByComparingTo("0.10");
    }

    @Test
    void scalarsNeedingEscapesOrBeyondAsciiRoundTrip() {
        for (String event : new String[]{"Order \\\"Big\\\" Completed", "Caf\u00e9 Visited", "\u4e2d\u6587",
                "tab\\there",
                "emoji \uD83D\uDE00", "slash\\\\back"}) {
            NormalizedEvent normalized = normalize("{\"userId\":\"u\u00e9\",\"event\":\"" + event + "\"}");
            JsonNode value = LifecycleJson.decode(normalized.value(), JsonNode.class);
            JsonNode sent = LifecycleJson.decode("\"" + event + "\"", JsonNode.class);
            assertThat(value.get("event").asText()).isEqualTo(sent.asText());
            assertThat(value.get("userId").asText()).isEqualTo("u\u00e9");
        }
    }

    private static SegmentRequest parse(String json) {
        return new SegmentRequestParser(LifecycleJson.mapper())
                .batch(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Receipt receipt() {
        return Receipt.of("src-1", RECEIVED, null, null, null);
    }
}
