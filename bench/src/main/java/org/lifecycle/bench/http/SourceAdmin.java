package org.lifecycle.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The ingestion-service's admin API, as far as the tools need it: creating a source to get a write key. */
public final class SourceAdmin {

    /** A source as {@code POST /admin/sources} returns it. */
    public record Source(String id, String name, String writeKey, String keyPrefix) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI baseUrl;
    private final String adminToken;

    public SourceAdmin(HttpClient client, URI baseUrl, String adminToken) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
    }

    /** Reads the token the local stack writes to {@code .lifecycle/admin-token}. */
    public static String readToken(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    public Source create(String name) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("name", name).toString();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/admin/sources")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IngestionException("POST /admin/sources answered " + response.statusCode(),
                    response.statusCode(), response.body(), null);
        }
        JsonNode node = JSON.readTree(response.body());
        return new Source(node.path("id").asText(), node.path("name").asText(), node.path("writeKey").asText(),
                node.path("keyPrefix").asText(null));
    }
}
