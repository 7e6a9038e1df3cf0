package org.lifecycle.system.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A service's JSON API over plain HTTP, as any client sees it. */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public JsonApi(URI base) {
        this.base = base;
    }

    /** An answer: its status, its body as JSON (missing when empty or not JSON) and as text. */
    public record Response(int status, JsonNode json, String body) {
    }

    /** {@code GET path}, which must answer 200; the body as JSON. */
    public JsonNode get(String pathAndQuery) {
        return ok(send("GET", pathAndQuery, null, Map.of()), "GET " + pathAndQuery);
    }

    /** {@code POST path} with a JSON body and extra headers; any status. */
    public Response post(String path, JsonNode body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response send(String method, String pathAndQuery, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(pathAndQuery) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + pathAndQuery, e);
        }
    }

    private static JsonNode ok(Response response, String what) {
        if (response.status() != 200) {
            throw new AssertionError(what + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
