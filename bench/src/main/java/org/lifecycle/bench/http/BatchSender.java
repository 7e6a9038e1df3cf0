package org.lifecycle.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batch bodies to a Segment-compatible endpoint with the write key as HTTP Basic user. A 503 is retried after
 * its {@code Retry-After}, other 5xx and I/O errors after an exponential backoff with jitter, always with the same
 * body (so the same message ids); a 4xx fails at once with the problem JSON the service returned. Thread-safe.
 */
public final class BatchSender {

    /** How a body was delivered: the status, and how many attempts it took. */
    public record Delivery(int status, int attempts) {
    }

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    private static final long MAX_RETRY_AFTER_SECONDS = 60;

    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;
    private final boolean gzip;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;

    public BatchSender(HttpClient client, URI endpoint, String writeKey, boolean gzip, int maxAttempts,
            Duration initialBackoff, Duration timeout) {
        this.client = client;
        this.endpoint = endpoint;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.gzip = gzip;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
    }

    /** An HTTP/1.1 client: one connection per concurrent request, no h2c upgrade attempts. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sends one JSON body, retrying as described above, and returns once the service answered 2xx. */
    public Delivery send(byte[] json) throws InterruptedException {
        byte[] payload = gzip ? gzip(json) : json;
        int lastStatus = 0;
        String lastBody = null;
        IOException lastError = null;
        for (int attempt = 1;; attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = client.send(request(payload), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Delivery(status, attempt);
                }
                lastStatus = status;
                lastBody = response.body();
                lastError = null;
                if (status / 100 == 4) {
                    throw new IngestionException("POST " + endpoint + " answered " + status, status, lastBody, null);
                }
                wait = status == 503 ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt);
            } catch (IOException e) {
                lastError = e;
                lastStatus = 0;
                wait = backoff(attempt);
            }
            if (attempt >= maxAttempts) {
                String what = lastError != null ? lastError.toString() : "status " + lastStatus;
                throw new IngestionException(
                        "POST " + endpoint + " failed after " + attempt + " attempts (" + what + ")",
                        lastStatus, lastBody, lastError);
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** The request as {@link #send} makes it, for callers that time single attempts themselves. */
    public HttpRequest request(byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (gzip) {
            builder.header("Content-Encoding", "gzip");
        }
        return builder.build();
    }

    public boolean gzip() {
        return gzip;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The {@code Authorization} header value: {@code Basic base64(writeKey:)}. */
    public String authorization() {
        return authorization;
    }

    private java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return java.util.Optional.of(Duration.ofSeconds(Math.clamp(seconds, 0, MAX_RETRY_AFTER_SECONDS)));
            } catch (NumberFormatException e) {
                // An HTTP date instead of seconds: fall back to our own backoff.
                return java.util.Optional.empty();
            }
        });
    }

    private Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    public static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
