package org.lifecycle.analytics.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the dashboard page is served ({@code LIFECYCLE_ANALYTICS_DASHBOARD_PATH}). */
@ConfigMapping(prefix = "lifecycle.analytics.dashboard")
public interface DashboardConfig {

    /**
     * The path the page, its assets and its read-only API prefix ({@code <path>/api/...}) are served under, e.g.
     * {@code /dashboard}: the only path of this service an ingress needs to expose for the dashboard.
     */
    @WithDefault("/dashboard")
    String path();
}
