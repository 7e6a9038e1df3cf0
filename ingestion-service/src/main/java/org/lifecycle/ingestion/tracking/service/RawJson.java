package org.lifecycle.ingestion.tracking.service;

/**
 * A JSON value exactly as the client sent it: a slice of the request body. Free-form objects ({@code properties},
 * {@code traits}, {@code context}) travel to Kafka as these bytes, so amounts keep their exact decimal text and the
 * service never builds or re-serialises a tree for them.
 */
public record RawJson(byte[] body, int from, int to) {

    public int length() {
        return to - from;
    }

    @Override
    public String toString() {
        return new String(body, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }
}
