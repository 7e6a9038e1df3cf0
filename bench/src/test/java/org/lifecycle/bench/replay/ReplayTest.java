package org.lifecycle.bench.replay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifecycle.bench.retail.ShopEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/v1/batch", exchange -> {
            byte[] answer;
            int status;
            // Every fifth request is refused once with 503, as when Kafka is briefly away.
            if (requests.incrementAndGet() % 5 == 0) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Retry-After", "0");
                status = 503;
                answer = "{\"status\":503}".getBytes(StandardCharsets.UTF_8);
            } else {
                InputStream in = new GZIPInputStream(exchange.getRequestBody());
                JsonNode body = JSON.readTree(in);
                synchronized (received) {
                    body.path("batch").forEach(received::add);
                }
                status = 200;
                answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEveryGeneratedEventOnceAndInOrderPerCustomer() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ReplayOptions options = ReplayOptions.defaults(url, "key").withGenerated(150, 3).withBatching(50, 3)
                .withRetries(5, java.time.Duration.ofMillis(1));
        Replay.Plan plan = Replay.plan(options);

        ReplaySummary summary = Replay.run(options);

        assertThat(summary.eventsSent()).isEqualTo(plan.events().size()).isEqualTo(received.size());
        assertThat(summary.identifies()).isEqualTo(plan.count(ShopEvent.Kind.IDENTIFY)).isEqualTo(150);
        assertThat(summary.orders()).isEqualTo(plan.count(ShopEvent.Kind.ORDER));
        assertThat(summary.refunds()).isEqualTo(plan.count(ShopEvent.Kind.REFUND));
        assertThat(summary.guestInvoicesSkipped()).isPositive();
        assertThat(summary.retries()).isPositive();
        Set<String> ids = new HashSet<>();
        received.forEach(e -> ids.add(e.path("messageId").asText()));
        assertThat(ids).hasSize(received.size());
        Map<String, Instant> lastSeen = new HashMap<>();
        for (JsonNode event : received) {
            Instant at = Instant.parse(event.path("timestamp").asText());
            Instant before = lastSeen.put(event.path("userId").asText(), at);
            assertThat(before == null || !at.isBefore(before)).as("events of %s in order", event.path("userId"))
                    .isTrue();
        }
        assertThat(received).filteredOn(e -> e.path("type").asText().equals("identify")).first()
                .satisfies(e -> assertThat(e.path("traits").path("country").isTextual()).isTrue());
    }

    @Test
    void stopsAtTheLimit() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ReplaySummary summary = Replay.run(ReplayOptions.defaults(url, "key").withGenerated(100, 1).withLimit(120)
                .withRetries(5, java.time.Duration.ofMillis(1)));

        assertThat(summary.eventsSent()).isEqualTo(120);
        assertThat(received).hasSize(120);
    }

    @Test
    void endsByMovesEveryEventByTheSameWholeWeeksSoTheLastFallsInTheWeekBefore() throws Exception {
        Instant endsBy = Instant.parse("2026-12-07T05:00:00Z");
        ReplayOptions generated = ReplayOptions.defaults(URI.create("http://127.0.0.1:1"), "key").withGenerated(50, 3);
        List<Instant> original = timestamps(Replay.plan(generated));
        List<Instant> moved = timestamps(Replay.plan(generated.withEndsBy(endsBy)));

        assertThat(moved).hasSameSizeAs(original);
        java.time.Duration shift = java.time.Duration.between(original.getFirst(), moved.getFirst());
        assertThat(shift.toDays() % 7).isZero();
        assertThat(shift.toSeconds() % 86_400).isZero();
        for (int i = 0; i < original.size(); i++) {
            assertThat(java.time.Duration.between(original.get(i), moved.get(i))).isEqualTo(shift);
        }
        Instant last = moved.stream().max(Instant::compareTo).orElseThrow();
        assertThat(last).isBeforeOrEqualTo(endsBy).isAfter(endsBy.minus(java.time.Duration.ofDays(7)));
    }

    private static List<Instant> timestamps(Replay.Plan plan) throws IOException {
        List<Instant> times = new ArrayList<>();
        for (ShopEvent event : plan.events()) {
            JsonNode json = new ObjectMapper().readTree(event.json());
            if (json.has("timestamp")) {
                times.add(Instant.parse(json.get("timestamp").asText()));
            }
        }
        return times;
    }
}
