package org.lifecycle.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSenderTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/unavailable-once", exchange -> {
            record(exchange);
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                answer(exchange, 503, "application/problem+json", "{\"status\":503,\"title\":\"Kafka unavailable\"}");
            } else {
                answer(exchange, 200, "application/json", "{\"success\":true}");
            }
        });
        server.createContext("/bad", exchange -> {
            record(exchange);
            calls.incrementAndGet();
            answer(exchange, 400, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"batch[0].type is required\"}");
        });
        server.createContext("/always-500", exchange -> {
            record(exchange);
            calls.incrementAndGet();
            answer(exchange, 500, "text/plain", "boom");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void retriesA503WithTheSameBodyUntilAccepted() throws Exception {
        BatchSender sender = sender("/unavailable-once", true);

        BatchSender.Delivery delivery = sender.send("{\"batch\":[{\"messageId\":\"m-1\"}]}".getBytes());

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(bodies).hasSize(2).allMatch(b -> b.equals("{\"batch\":[{\"messageId\":\"m-1\"}]}"));
        // "KEY:" in Basic auth: the write key as user, empty password.
        assertThat(authorizations).allMatch(a -> a.equals("Basic a2V5Og=="));
    }

    @Test
    void givesUpAtOnceOnA400AndReportsTheProblem() {
        BatchSender sender = sender("/bad", false);

        assertThatThrownBy(() -> sender.send("{\"batch\":[{}]}".getBytes())).isInstanceOf(IngestionException.class)
                .hasMessageContaining("400").hasMessageContaining("batch[0].type is required")
                .satisfies(e -> assertThat(((IngestionException) e).status()).isEqualTo(400));
        assertThat(calls).hasValue(1);
    }

    @Test
    void stopsAfterTheLastAttemptOnPersistent5xx() {
        BatchSender sender = sender("/always-500", false);

        assertThatThrownBy(() -> sender.send("{\"batch\":[]}".getBytes())).isInstanceOf(IngestionException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(calls).hasValue(3);
    }

    private BatchSender sender(String path, boolean gzip) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new BatchSender(BatchSender.defaultClient(), endpoint, "key", gzip, 3, Duration.ofMillis(5),
                Duration.ofSeconds(5));
    }

    private void record(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
