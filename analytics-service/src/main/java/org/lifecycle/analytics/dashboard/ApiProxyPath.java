package org.lifecycle.analytics.dashboard;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read-only part of the analytics API the dashboard calls through {@code <dashboard path>/api/...}, so that an
 * ingress exposing only the dashboard path serves the page and its data: the aggregate figures, never a single
 * customer's record.
 */
final class ApiProxyPath {

    /** The analytics API the proxy forwards to. */
    static final String TARGET = "/api/analytics/";

    private static final Pattern ALLOWED = Pattern
            .compile("(daily|summary|stages|flows|lifecycle-stages|calendar|reactivations|cohorts"
                    + "|campaigns|campaigns/[A-Za-z0-9._~%-]{1,200}/(ab-tests|holdout)|predictions/distribution"
                    + "|satisfaction|visitors/comparison)");

    private ApiProxyPath() {
    }

    /**
     * The analytics API path (with {@code query} appended) for a path below the proxy prefix, such as
     * {@code cohorts}; empty when that path is not one the dashboard may read.
     */
    static Optional<String> target(String below, String query) {
        if (below == null || !ALLOWED.matcher(below).matches() || below.contains("%2F") || below.contains("%2f")) {
            return Optional.empty();
        }
        return Optional.of(TARGET + below + (query == null || query.isEmpty() ? "" : "?" + query));
    }
}
