package org.lifecycle.bench.http;

/**
 * The ingestion API refused a request (4xx, with its RFC 7807 problem body), or it kept failing after every retry
 * ({@code status} is the last status seen, or 0 after an I/O error).
 */
public class IngestionException extends RuntimeException {

    private final int status;
    private final String body;

    public IngestionException(String message, int status, String body, Throwable cause) {
        super(message + (body == null || body.isBlank() ? "" : ": " + body), cause);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
