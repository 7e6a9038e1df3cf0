package org.lifecycle.analytics.dashboard;

import java.util.regex.Pattern;

/** The configured dashboard path, checked and normalised: {@code /dashboard}, never a trailing slash. */
record DashboardPath(String value) {

    private static final Pattern SEGMENTS = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    static DashboardPath of(String configured) {
        String path = configured == null ? "" : configured.trim();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!SEGMENTS.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")
                || path.contains("/./") || path.endsWith("/.")) {
            throw new IllegalArgumentException("lifecycle.analytics.dashboard.path must be an absolute path such as"
                    + " /dashboard (letters, digits, '.', '_', '~', '-' between slashes), found '" + configured + "'");
        }
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/q") || path.startsWith("/q/")) {
            throw new IllegalArgumentException(
                    "lifecycle.analytics.dashboard.path must not be under /api or /q, found '"
                            + configured + "'");
        }
        return new DashboardPath(path);
    }

    /**
     * Whether a request sent to a path under this one ({@code rawPath}, as the client wrote it) is led out of it by
     * dot segments, plain or percent-encoded ({@code normalizedPath}, what routing sees): {@code /dashboard/../q/metrics}
     * or {@code /dashboard/%2e%2e/api/analytics/predictions}. An ingress that exposes only this path may pass such a
     * request on as it is.
     */
    boolean leftBy(String rawPath, String normalizedPath) {
        return under(rawPath) && !under(normalizedPath);
    }

    private boolean under(String path) {
        return path != null && (path.equals(value) || path.startsWith(value + "/"));
    }
}
