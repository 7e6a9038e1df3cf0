package org.lifecycle.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lifecycle.system.support.Service;

/**
 * One request of the hostile corpus: what is sent to which service, and the exact answer expected. Built fluently:
 * {@code HostileRequest.of("unknown write key").post(INGESTION, "/v1/track").json(…).writeKey(…).expect(401,
 * "Authorization")}.
 */
final class HostileRequest {

    /** How the answer must be shaped beyond its status. */
    enum Shape {
        /** {@code application/problem+json} with {@code status} and, when given, {@code field}. */
        PROBLEM,
        /** Any body: the tracking links answer a 404 that says nothing, the dashboard a plain-text 404. */
        BARE
    }

    private final String name;
    private Service service;
    private String method;
    private String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private int status;
    private String field;
    private Shape shape = Shape.PROBLEM;

    private HostileRequest(String name) {
        this.name = name;
    }

    static HostileRequest of(String name) {
        return new HostileRequest(name);
    }

    HostileRequest get(Service target, String rawPath) {
        return to("GET", target, rawPath);
    }

    HostileRequest post(Service target, String rawPath) {
        return to("POST", target, rawPath);
    }

    HostileRequest put(Service target, String rawPath) {
        return to("PUT", target, rawPath);
    }

    HostileRequest delete(Service target, String rawPath) {
        return to("DELETE", target, rawPath);
    }

    /** Any method; the path is sent as written (dot segments and percent-escapes included). */
    HostileRequest to(String httpMethod, Service target, String rawPath) {
        this.method = httpMethod;
        this.service = target;
        this.path = rawPath;
        return this;
    }

    /** A JSON body, sent as {@code application/json} unless a content type is set. */
    HostileRequest json(String json) {
        headers.putIfAbsent("Content-Type", "application/json");
        return bytes(json.getBytes(StandardCharsets.UTF_8));
    }

    HostileRequest bytes(byte[] raw) {
        this.body = raw;
        return this;
    }

    HostileRequest header(String header, String value) {
        headers.put(header, value);
        return this;
    }

    /** The write key as Segment's SDKs send it: the HTTP Basic user with an empty password. */
    HostileRequest writeKey(String key) {
        return header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
    }

    HostileRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** A problem document with this status naming {@code problemField}. */
    HostileRequest expect(int expectedStatus, String problemField) {
        this.status = expectedStatus;
        this.field = problemField;
        this.shape = Shape.PROBLEM;
        return this;
    }

    /** A problem document with this status; which field it names is not documented. */
    HostileRequest expectProblem(int expectedStatus) {
        return expect(expectedStatus, null);
    }

    /** This status, whatever the body (the tracking links' and the dashboard's 404). */
    HostileRequest expectBare(int expectedStatus) {
        this.status = expectedStatus;
        this.field = null;
        this.shape = Shape.BARE;
        return this;
    }

    String name() {
        return name;
    }

    Service service() {
        return service;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    Shape shape() {
        return shape;
    }

    /** The endpoint group the request belongs to, for the corpus's summary: service, method and two segments. */
    String group() {
        String[] segments = path.split("\\?", 2)[0].split("/");
        StringBuilder group = new StringBuilder(service.shortName()).append(' ').append(method).append(' ');
        for (int i = 1; i < Math.min(segments.length, 3); i++) {
            group.append('/').append(segments[i]);
        }
        return group.toString();
    }

    @Override
    public String toString() {
        String shown = path.length() > 90 ? path.substring(0, 90) + "…" : path;
        return service.shortName() + " " + method + " " + shown + ": " + name;
    }
}
