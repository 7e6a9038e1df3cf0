package org.lifecycle.deploy;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.LintResult;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void chartLintsCleanInStrictMode() {
        assertClean(Chart.helm().lint().strict().call());
    }

    @Test
    void chartLintsCleanInStrictModeWithTheProductionValues() {
        assertClean(Chart.lintStrict(Chart.PRODUCTION_VALUES));
    }

    @Test
    void lintCatchesValuesTheSchemaRefuses() {
        LintResult result = Chart.lintStrict(Chart.valuesFile("services: {ingestion: {replicas: many}}"));

        assertThat(result.isFailed()).isTrue();
        assertThat(result.getMessages()).anyMatch(m -> m.contains("replicas"));
    }

    private static void assertClean(LintResult result) {
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chartRendersWithDefaultAndProductionValues() {
        assertThat(Chart.renderDefaults().manifests()).isNotEmpty();
        assertThat(Chart.renderProduction().manifests()).isNotEmpty();
    }

    @Test
    void installNotesNameEveryServiceThePublicEndpointsAndWhereTheAdminTokenIs() {
        String notes = Chart.helm().install().withName(Chart.RELEASE).withNamespace("notes")
                .withKubeVersion(Chart.KUBE_VERSION).withValuesFile(Chart.PRODUCTION_VALUES).dryRun()
                .withDryRunOption(DryRun.CLIENT).clientOnly().call().getOutput();

        Chart.SERVICES.forEach((service, port) -> assertThat(notes)
                .contains("http://" + Chart.objectName(service) + ".notes.svc:" + port));
        assertThat(notes).contains("https://api.acme.example/v1/", "https://t.acme.example/t/",
                "https://lifecycle.acme.example/dashboard", "helm test lifecycle -n notes",
                "get secret lifecycle-secrets");
    }
}
