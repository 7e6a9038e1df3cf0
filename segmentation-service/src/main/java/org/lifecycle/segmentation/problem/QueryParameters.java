package org.lifecycle.segmentation.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.UriInfo;

/**
 * Checks of query parameters that JAX-RS would otherwise let through or turn into a bare 404: a misspelt name, a
 * parameter given twice, a number or a moment that does not parse. Each failure is a 400 naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Refuses parameters the endpoint does not know (a misspelt filter would otherwise silently list everyone) and
     * parameters given more than once.
     */
    public static void requireKnown(UriInfo uri, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                throw ProblemException.invalid(name,
                        "Unknown query parameter " + name + "; this endpoint takes " + String.join(", ",
                                new TreeSet<>(known)));
            }
            if (parameter.getValue().size() > 1) {
                throw ProblemException.invalid(name, name + " is given more than once");
            }
        }
    }

    /** A whole number in {@code min..max}, {@code fallback} when absent. */
    public static int intIn(String name, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw ProblemException.invalid(name,
                name + " must be a whole number from " + min + " to " + max + ", found " + value);
    }

    /** An ISO-8601 instant such as {@code 2026-03-01T00:00:00Z}; {@code null} when absent. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name,
                    name + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, found " + value);
        }
    }
}
