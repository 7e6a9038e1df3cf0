package org.lifecycle.deploy;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void chartLintsCleanInStrictMode() {
        LintResult result = Chart.helm().lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chartRendersWithDefaultAndProductionValues() {
        assertThat(Chart.renderDefaults().manifests()).isNotEmpty();
        assertThat(Chart.renderProduction().manifests()).isNotEmpty();
    }
}
