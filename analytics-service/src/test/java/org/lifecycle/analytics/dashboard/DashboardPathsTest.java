package org.lifecycle.analytics.dashboard;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardPathsTest {

    @Test
    void theConfiguredPathIsNormalisedAndCheckedAtStartUp() {
        assertThat(DashboardPath.of("/dashboard").value()).isEqualTo("/dashboard");
        assertThat(DashboardPath.of(" /shop/insights/ ").value()).isEqualTo("/shop/insights");
        for (String bad : new String[]{"", "/", "dashboard", "/a b", "/a/../b", "/api", "/api/analytics", "/q",
                "/q/health", "/x?y"}) {
            assertThatThrownBy(() -> DashboardPath.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lifecycle.analytics.dashboard.path");
        }
    }

    @Test
    void dotSegmentsDoNotLeadARequestOutOfTheDashboardPath() {
        DashboardPath dashboard = DashboardPath.of("/dashboard");
        assertThat(dashboard.leftBy("/dashboard/../q/metrics", "/q/metrics")).isTrue();
        assertThat(dashboard.leftBy("/dashboard/%2e%2e/api/analytics/predictions", "/api/analytics/predictions"))
                .isTrue();
        assertThat(dashboard.leftBy("/dashboard/..", "/")).isTrue();
        assertThat(dashboard.leftBy("/dashboard/api/../../dashboardx", "/dashboardx")).isTrue();
        // Requests that stay under it, or were never sent to it, are the other routes' business.
        assertThat(dashboard.leftBy("/dashboard/", "/dashboard/")).isFalse();
        assertThat(dashboard.leftBy("/dashboard", "/dashboard")).isFalse();
        assertThat(dashboard.leftBy("/dashboard/js/../index.html", "/dashboard/index.html")).isFalse();
        assertThat(dashboard.leftBy("/api/analytics/summary", "/api/analytics/summary")).isFalse();
        assertThat(dashboard.leftBy("/dashboardx/../q/metrics", "/q/metrics")).isFalse();
    }

    @Test
    void thePageReadsOnlyTheAggregateFigures() {
        assertThat(ApiProxyPath.target("summary", "from=2011-01-01&to=2011-12-31"))
                .contains("/api/analytics/summary?from=2011-01-01&to=2011-12-31");
        assertThat(ApiProxyPath.target("cohorts", null)).contains("/api/analytics/cohorts");
        assertThat(ApiProxyPath.target("campaigns/welcome/ab-tests", "metric=clicked"))
                .contains("/api/analytics/campaigns/welcome/ab-tests?metric=clicked");
        assertThat(ApiProxyPath.target("predictions/distribution", "")).contains(
                "/api/analytics/predictions/distribution");
        assertThat(ApiProxyPath.target("satisfaction", "groupBy=stage")).contains(
                "/api/analytics/satisfaction?groupBy=stage");
        assertThat(ApiProxyPath.target("visitors/comparison", "from=2011-01-01")).contains(
                "/api/analytics/visitors/comparison?from=2011-01-01");
        assertThat(ApiProxyPath.target("lifecycle-stages", "to=2011-12-31")).contains(
                "/api/analytics/lifecycle-stages?to=2011-12-31");
        assertThat(ApiProxyPath.target("calendar", null)).contains("/api/analytics/calendar");
        for (String refused : new String[]{"info", "calendar/x", "lifecycle-stages/", "", "summary/", "../summary",
                "campaigns/a/b/ab-tests",
                "campaigns/a%2Fb/holdout", "predictions/customers/42", "profiles", "visitors",
                "visitors/comparison/x"}) {
            assertThat(ApiProxyPath.target(refused, null)).as(refused).isEqualTo(Optional.empty());
        }
    }
}
