package org.lifecycle.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepAliveHttpClientTest {

    /** What the server saw of one request. */
    record Seen(String path, int remotePort, String authorization, String contentType, String encoding, byte[] body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"ok\":true}", false, false));
        server.createContext("/busy", exchange -> answer(exchange, 503, "{\"title\":\"busy\"}", false, false));
        server.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(100_000), false, false));
        server.createContext("/chunked", exchange -> answer(exchange, 200, "y".repeat(40_000), true, false));
        server.createContext("/close", exchange -> answer(exchange, 200, "{}", false, true));
        server.createContext("/drop", exchange -> {
            record(exchange);
            // A handler failing before answering: the server drops the connection without a response.
            throw new IOException("dropped on purpose");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsOneConnectionOverSeveralRequestsAndSendsHeadersAndBody() throws IOException {
        try (KeepAliveHttpClient client = client("/ok", false)) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.post(json("{\"n\":" + i + "}"))).isEqualTo(200);
            }
            assertThat(client.connections()).isEqualTo(1);
        }
        assertThat(seen).hasSize(5);
        assertThat(seen).extracting(Seen::remotePort).containsOnly(seen.getFirst().remotePort());
        Seen first = seen.getFirst();
        assertThat(first.path()).isEqualTo("/ok");
        assertThat(first.authorization()).isEqualTo("Basic a2V5Og==");
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(first.encoding()).isNull();
        assertThat(new String(seen.get(3).body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":3}");
    }

    @Test
    void returnsA503AndKeepsTheConnection() throws IOException {
        try (KeepAliveHttpClient busy = client("/busy", false)) {
            assertThat(busy.post(json("{}"))).isEqualTo(503);
            assertThat(busy.post(json("{}"))).isEqualTo(503);
            assertThat(busy.connections()).isEqualTo(1);
        }
        assertThat(seen).extracting(Seen::remotePort).containsOnly(seen.getFirst().remotePort());
    }

    @Test
    void readsLargeAndChunkedBodiesAndKeepsTheConnection() throws IOException {
        try (KeepAliveHttpClient chunked = client("/chunked", false)) {
            for (int i = 0; i < 3; i++) {
                assertThat(chunked.post(json("{}"))).isEqualTo(200);
            }
            assertThat(chunked.connections()).isEqualTo(1);
        }
        try (KeepAliveHttpClient big = client("/big", false)) {
            for (int i = 0; i < 3; i++) {
                assertThat(big.post(json("{}"))).isEqualTo(200);
            }
            assertThat(big.connections()).isEqualTo(1);
        }
    }

    @Test
    void reconnectsAfterConnectionClose() throws IOException {
        try (KeepAliveHttpClient client = client("/close", false)) {
            assertThat(client.post(json("{}"))).isEqualTo(200);
            assertThat(client.post(json("{}"))).isEqualTo(200);
            assertThat(client.connections()).isEqualTo(2);
        }
        assertThat(seen.get(0).remotePort()).isNotEqualTo(seen.get(1).remotePort());
    }

    @Test
    void failsWhenTheServerDropsTheConnectionThenReconnects() throws IOException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (KeepAliveHttpClient drop = new KeepAliveHttpClient(base.resolve("/drop"), "Basic a2V5Og==", false)) {
            assertThatThrownBy(() -> drop.post(json("{}"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> drop.post(json("{}"))).isInstanceOf(IOException.class);
            assertThat(drop.connections()).isEqualTo(2);
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).remotePort()).isNotEqualTo(seen.get(1).remotePort());
    }

    @Test
    void gzipsTheBodyWhenAsked() throws IOException {
        String body = "{\"batch\":[" + "{\"event\":\"Order Completed\"},".repeat(2_000) + "{}]}";
        try (KeepAliveHttpClient client = client("/ok", true)) {
            assertThat(client.post(json(body))).isEqualTo(200);
            assertThat(client.post(json("{}"))).isEqualTo(200);
        }
        assertThat(seen.getFirst().encoding()).isEqualTo("gzip");
        assertThat(gunzip(seen.get(0).body())).isEqualTo(body);
        assertThat(gunzip(seen.get(1).body())).isEqualTo("{}");
    }

    @Test
    void patchesTemplatesInPlaceInAReusedBuffer() {
        String text = "{\"id\":\"bench-x-##########-0\",\"id2\":\"bench-x-##########-1\"}";
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        int first = text.indexOf('#');
        RequestTemplates.Template template = new RequestTemplates.Template(body, 2,
                new int[]{first, text.indexOf('#', first + RequestTemplates.SLOT_DIGITS)});
        ByteBuffer work = ByteBuffer.allocateDirect(body.length + 10);
        byte[] digits = new byte[RequestTemplates.SLOT_DIGITS];
        template.writeTo(work, 42, digits);
        assertThat(StandardCharsets.US_ASCII.decode(work).toString())
                .isEqualTo("{\"id\":\"bench-x-0000000042-0\",\"id2\":\"bench-x-0000000042-1\"}");
        template.writeTo(work, 1234567890L, digits);
        assertThat(StandardCharsets.US_ASCII.decode(work).toString())
                .isEqualTo("{\"id\":\"bench-x-1234567890-0\",\"id2\":\"bench-x-1234567890-1\"}");
        assertThat(new String(body, StandardCharsets.US_ASCII)).contains("##########");
    }

    private KeepAliveHttpClient client(String path, boolean gzip) {
        return new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                "Basic a2V5Og==", gzip);
    }

    private static ByteBuffer json(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(HttpExchange exchange, int status, String body, boolean chunked, boolean close)
            throws IOException {
        record(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (close) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (chunked) {
                // Several writes, flushed one by one: several chunks on the wire.
                for (int at = 0; at < bytes.length; at += 7_000) {
                    out.write(bytes, at, Math.min(7_000, bytes.length - at));
                    out.flush();
                }
            } else {
                out.write(bytes);
            }
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        var headers = exchange.getRequestHeaders();
        seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRemoteAddress().getPort(),
                headers.getFirst("Authorization"), headers.getFirst("Content-Type"),
                headers.getFirst("Content-Encoding"), body));
    }

    private static String gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
