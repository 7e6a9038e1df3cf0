package org.lifecycle.ingestion.problem;

/**
 * The kinds of rejection the ingestion API gives, each with its HTTP status and the reason label used in the
 * {@code lifecycle_ingestion_events_rejected_total} metric.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON", "malformed_json"), INVALID_FIELD(400, "Invalid field",
            "invalid_field"), EVENT_TOO_LARGE(400, "Event too large", "event_too_large"), BATCH_TOO_LARGE(400,
                    "Batch too large", "batch_too_large"), BAD_ENCODING(400, "Undecodable request body",
                            "bad_encoding"), UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type",
                                    "unsupported_media_type"), UNAUTHORIZED(401, "Unauthorized",
                                            "unauthorized"), NOT_FOUND(404, "Not found", "not_found"), CONFLICT(409,
                                                    "Conflict", "conflict"), BROKER_UNAVAILABLE(503,
                                                            "Event broker unavailable", "broker_unavailable"), INTERNAL(
                                                                    500, "Internal error", "internal");

    private final int status;
    private final String title;
    private final String reason;

    ProblemType(int status, String title, String reason) {
        this.status = status;
        this.title = title;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Metric label and the last segment of the problem's type URI. */
    public String reason() {
        return reason;
    }

    public String uri() {
        return "urn:lifecycle:problem:" + reason.replace('_', '-');
    }
}
