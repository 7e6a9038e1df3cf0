package org.lifecycle.campaign.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application asking a local stand-in for analytics-service for co-purchases: a real HTTP server on a port of
 * its own, started and stopped by the test, answering what the test sets in analytics' response shape.
 */
public class CrossSellAnalytics implements QuarkusTestProfile {

    static final int PORT = freePort();
    static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    static volatile String body = "{\"alsoBought\": {}, \"bestSellers\": []}";
    private static HttpServer server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lifecycle.cross-sell.analytics-url", "http://127.0.0.1:" + PORT + "/",
                "lifecycle.cross-sell.failure-backoff", "1m", "lifecycle.cross-sell.refresh-interval", "1h");
    }

    static synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 10);
        server.createContext("/api/analytics/recommendations/co-purchases", exchange -> {
            QUERIES.add(exchange.getRequestURI().getRawQuery());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** One port per JVM: the profile and the test may be loaded by different class loaders. */
    private static synchronized int freePort() {
        String chosen = System.getProperty("lifecycle.test.analytics-port");
        if (chosen != null) {
            return Integer.parseInt(chosen);
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty("lifecycle.test.analytics-port", Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
