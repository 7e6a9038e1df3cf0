package org.lifecycle.ingestion.tracking.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;
import org.lifecycle.ingestion.problem.Violation;
import org.lifecycle.ingestion.source.service.WriteKeyRegistry;
import org.lifecycle.ingestion.tracking.messaging.BrokerUnavailableException;
import org.lifecycle.ingestion.tracking.messaging.EventPublisher;
import org.lifecycle.ingestion.tracking.service.EventNormalizer.NormalizedEvent;
import org.lifecycle.ingestion.tracking.service.EventNormalizer.Receipt;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The tracking pipeline of one request: decode, authenticate, validate every message, enrich, and publish. A request
 * is all or nothing: one invalid message and nothing reaches Kafka; success is reported only once Kafka has
 * acknowledged every message.
 */
@ApplicationScoped
public class TrackingService {

    /** A problem document lists at most this many violations; the count of all of them is in its detail. */
    private static final int LISTED_VIOLATIONS = 100;
    private static final MessageType[] MESSAGE_TYPES = MessageType.values();

    private final WriteKeyRegistry keys;
    private final EventPublisher publisher;
    private final TrackingLimits limits;
    private final TrackingMetrics metrics;
    private final Clock clock;
    private final SegmentRequestParser parser = new SegmentRequestParser(LifecycleJson.mapper());
    private final EventNormalizer normalizer;
    private final String eventsTopic;

    public TrackingService(WriteKeyRegistry keys, EventPublisher publisher, TrackingLimits limits,
            TrackingMetrics metrics, Clock clock,
            @ConfigProperty(name = "lifecycle.topic-prefix") Optional<String> topicPrefix) {
        this.keys = keys;
        this.publisher = publisher;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        this.normalizer = new EventNormalizer(limits.maxEventBytes());
        this.eventsTopic = Topics.prefixed(topicPrefix.orElse(""), Topics.EVENTS);
    }

    /** The headers of a tracking request that the pipeline needs. */
    public record RequestHeaders(String contentType, String contentEncoding, String authorization) {
    }

    /**
     * @param impliedType the call's type for {@code /v1/track} and the like; null for {@code /v1/batch} and
     *        {@code /v1/import}
     */
    public Uni<Void> accept(MessageType impliedType, byte[] rawBody, RequestHeaders headers) {
        int[] messageCount = {1};
        try {
            return publish(prepare(impliedType, rawBody, headers, messageCount));
        } catch (ProblemException e) {
            metrics.rejected(e.type(), messageCount[0]);
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * One track message from a source that authenticated otherwise (a signed webhook): validated, enriched and
     * published exactly as a call to {@code /v1/track} with that source's write key would be.
     */
    public Uni<Void> acceptFromSource(UUID sourceId, byte[] message) {
        try {
            SegmentRequest request = parser.single(message);
            return publish(normalized(MessageType.TRACK, request, sourceId, clock.instant()));
        } catch (ProblemException e) {
            metrics.rejected(e.type(), 1);
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<Void> publish(List<NormalizedEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (NormalizedEvent event : events) {
            records.add(new ProducerRecord<>(eventsTopic, event.key(), event.value()));
        }
        return publisher.publish(records, limits.produceTimeout())
                .onFailure(BrokerUnavailableException.class).transform(e -> {
                    Log.warnf("Answering 503 for %d event(s): %s", records.size(), e.getMessage());
                    return new ProblemException(ProblemType.BROKER_UNAVAILABLE,
                            "The event broker did not acknowledge the events; nothing is confirmed. Retry later with the same messageIds.",
                            List.of(), limits.retryAfter());
                })
                .invoke(() -> {
                    metrics.batch(events.size());
                    countAccepted(events);
                })
                .onFailure(ProblemException.class).invoke(e -> metrics.rejected(((ProblemException) e).type(),
                        events.size()));
    }

    private List<NormalizedEvent> prepare(MessageType impliedType, byte[] rawBody, RequestHeaders headers,
            int[] messageCount) {
        Instant receivedAt = clock.instant();
        if (!keys.loaded()) {
            throw new ProblemException(ProblemType.BROKER_UNAVAILABLE,
                    "The service is starting and cannot authenticate requests yet", List.of(), limits.retryAfter());
        }
        // A key in the header is checked before the body is even parsed: unauthenticated traffic costs little.
        Optional<UUID> headerSource = headers.authorization() == null
                ? Optional.empty()
                : Optional.of(authenticateHeader(headers.authorization()));
        byte[] body = BodyDecoder.decode(rawBody, headers.contentType(), headers.contentEncoding(),
                limits.maxBatchBytes());
        SegmentRequest request = impliedType == null ? parser.batch(body) : parser.single(body);
        messageCount[0] = request.messages().size();
        UUID sourceId = headerSource.orElseGet(() -> authenticateBodyKey(request.writeKey()));
        return normalized(impliedType, request, sourceId, receivedAt);
    }

    private List<NormalizedEvent> normalized(MessageType impliedType, SegmentRequest request, UUID sourceId,
            Instant receivedAt) {
        boolean batch = request.batch();
        List<Violation> oversized = new ArrayList<>(0);
        for (SegmentRequest.RawMessage message : request.messages()) {
            Violation violation = normalizer.sizeViolation(message, batch);
            if (violation != null) {
                oversized.add(violation);
            }
        }
        if (!oversized.isEmpty()) {
            throw problem(ProblemType.EVENT_TOO_LARGE, oversized);
        }
        Receipt receipt = Receipt.of(sourceId.toString(), receivedAt, request.sentAt(), request.context(),
                request.integrations());
        List<Violation> violations = new ArrayList<>();
        List<NormalizedEvent> events = new ArrayList<>(request.messages().size());
        for (SegmentRequest.RawMessage message : request.messages()) {
            NormalizedEvent event = normalizer.normalize(message, impliedType, batch, receipt, violations);
            if (event != null) {
                events.add(event);
            }
        }
        if (!violations.isEmpty()) {
            throw problem(ProblemType.INVALID_FIELD, violations);
        }
        return events;
    }

    private UUID authenticateHeader(String authorization) {
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "Authorization",
                    "Use HTTP Basic authentication with the write key as the user name and an empty password");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "Authorization",
                    "The Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        return source(colon < 0 ? decoded : decoded.substring(0, colon), "Authorization");
    }

    private UUID authenticateBodyKey(JsonNode writeKey) {
        if (writeKey == null || writeKey.isNull()) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "writeKey",
                    "A write key is required: HTTP Basic user name, or writeKey in the body");
        }
        if (!writeKey.isTextual()) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "writeKey", "writeKey must be a string");
        }
        return source(writeKey.textValue(), "writeKey");
    }

    private UUID source(String writeKey, String field) {
        return keys.sourceOf(writeKey).orElseThrow(() -> ProblemException.field(ProblemType.UNAUTHORIZED, field,
                "The write key is unknown or revoked"));
    }

    private static ProblemException problem(ProblemType type, List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().detail()
                : violations.size() + " problems; the first: " + violations.getFirst().field() + ": "
                        + violations.getFirst().detail();
        return new ProblemException(type, detail + ". Nothing from this request was accepted.",
                violations.subList(0, Math.min(LISTED_VIOLATIONS, violations.size())));
    }

    private void countAccepted(List<NormalizedEvent> events) {
        int[] byType = new int[MESSAGE_TYPES.length];
        for (NormalizedEvent event : events) {
            byType[event.type().ordinal()]++;
        }
        for (int i = 0; i < byType.length; i++) {
            if (byType[i] > 0) {
                metrics.accepted(MESSAGE_TYPES[i], byType[i]);
            }
        }
    }
}
