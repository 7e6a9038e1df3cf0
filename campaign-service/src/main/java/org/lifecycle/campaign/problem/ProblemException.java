package org.lifecycle.campaign.problem;

import java.util.List;
import java.util.Locale;

/** A request the API refuses, turned into problem JSON by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    /** 400: one field is wrong. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, "Invalid field", detail, List.of(new Violation(field, detail)));
    }

    /** 400: several things are wrong, every one listed. */
    public static ProblemException invalid(String detail, List<Violation> violations) {
        return new ProblemException(400, "Invalid field", detail, violations);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The problem's type URI: {@code urn:lifecycle:problem:} and the title in lower case with dashes. */
    public String type() {
        return "urn:lifecycle:problem:" + title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
