package org.lifecycle.ingestion.problem;

import java.time.Duration;
import java.util.List;

/**
 * A request the API refuses, with everything the problem document needs. Thrown by the edges and services, turned into
 * a response by {@link ProblemMapper}.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail, List<Violation> violations, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations) {
        this(type, detail, violations, null);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public static ProblemException field(ProblemType type, String field, String detail) {
        return new ProblemException(type, detail, List.of(Violation.of(field, detail)));
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** How long a client should wait before retrying; only for temporary failures. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
