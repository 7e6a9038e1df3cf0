package org.lifecycle.deploy;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import static org.assertj.core.api.Assertions.assertThat;

/** Values turn into the settings the services read. */
class ConfigurationTest {

    @Test
    void trackingLinksPointAtTheIngressHostUnlessGivenAnAddress() {
        Rendering derived = Chart.render(Chart.valuesFile("""
                ingress:
                  enabled: true
                  host: api.shop.example
                  trackingLinksHost: t.shop.example
                  tls: {enabled: true}
                """));
        Rendering given = Chart.render(Chart.valuesFile("""
                tracking: {baseUrl: "https://links.shop.example"}
                """));

        assertThat(config(derived, "campaign")).containsEntry("LIFECYCLE_TRACKING_BASE_URL", "https://t.shop.example");
        assertThat(config(given, "campaign")).containsEntry("LIFECYCLE_TRACKING_BASE_URL",
                "https://links.shop.example");
    }

    @Test
    void campaignsReadCrossSellRecommendationsFromTheReleasesAnalyticsService() {
        Rendering rendering = Chart.renderDefaults();

        assertThat(config(rendering, "campaign")).containsEntry("LIFECYCLE_CROSS_SELL_ANALYTICS_URL",
                "http://" + Chart.objectName("analytics") + ":8084");
        assertThat(rendering.all(io.fabric8.kubernetes.api.model.Service.class))
                .extracting(service -> service.getMetadata().getName()).contains(Chart.objectName("analytics"));
    }

    @Test
    void theDashboardPathMovesTheRouteAndTheServiceTogether() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                dashboard: {path: /insights}
                ingress: {enabled: true}
                """));

        assertThat(config(rendering, "analytics")).containsEntry("LIFECYCLE_ANALYTICS_DASHBOARD_PATH", "/insights");
        assertThat(rendering.all(Ingress.class).get(0).getSpec().getRules()).flatExtracting(r -> r.getHttp().getPaths())
                .extracting(p -> p.getPath()).containsExactlyInAnyOrder("/v1", "/t", "/insights");
    }

    @Test
    void sendPolicyValuesReachTheCampaignServiceOnlyWhenSet() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                sendPolicy:
                  defaultZone: Europe/London
                  quietHours: {start: "22:00", end: "07:30"}
                  channels:
                    email: {perDay: 1, perWeek: 1000000}
                    webhook: {perDay: none, quietHours: true}
                    sms: {consentByDefault: false}
                """));

        Map<String, String> campaign = config(rendering, "campaign");
        assertThat(campaign).containsEntry("LIFECYCLE_POLICY_DEFAULT_ZONE", "Europe/London")
                .containsEntry("LIFECYCLE_POLICY_QUIET_HOURS_START", "22:00")
                .containsEntry("LIFECYCLE_POLICY_QUIET_HOURS_END", "07:30")
                .containsEntry("LIFECYCLE_POLICY_EMAIL_PER_DAY", "1")
                .containsEntry("LIFECYCLE_POLICY_EMAIL_PER_WEEK", "1000000")
                .containsEntry("LIFECYCLE_POLICY_WEBHOOK_PER_DAY", "none")
                .containsEntry("LIFECYCLE_POLICY_WEBHOOK_QUIET_HOURS", "true")
                .containsEntry("LIFECYCLE_POLICY_SMS_CONSENT_BY_DEFAULT", "false")
                .doesNotContainKeys("LIFECYCLE_POLICY_EMAIL_QUIET_HOURS", "LIFECYCLE_POLICY_PUSH_PER_DAY");
        assertThat(config(rendering, "ingestion")).doesNotContainKey("LIFECYCLE_POLICY_EMAIL_PER_DAY");
        assertThat(config(Chart.renderDefaults(), "campaign").keySet())
                .noneMatch(name -> name.startsWith("LIFECYCLE_POLICY_"));
    }

    @Test
    void productionDatabasesAreReachedOverTlsOnTheirOwnHosts() {
        Map<String, String> ingestion = config(Chart.renderProduction(), "ingestion");

        assertThat(ingestion).containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://lifecycle-ingestion-db-rw:5432/app?sslmode=require")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://lifecycle-ingestion-db-rw:5432/app?sslmode=require")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "app")
                .containsEntry("QUARKUS_SHUTDOWN_TIMEOUT", "30s");
    }

    @Test
    void extraEnvironmentReachesTheContainerAndTheServicesOwnWins() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                pod:
                  env: {QUARKUS_LOG_LEVEL: WARN, JAVA_TOOL_OPTIONS: "-XX:+ExitOnOutOfMemoryError"}
                kafka:
                  env: {KAFKA_SECURITY_PROTOCOL: SASL_SSL}
                services:
                  ingestion:
                    env: {QUARKUS_LOG_LEVEL: DEBUG, LIFECYCLE_INGESTION_MAX_BATCH_BYTES: 1024000}
                """));

        Map<String, String> ingestion = env(rendering, "ingestion");
        assertThat(ingestion).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
                .containsEntry("LIFECYCLE_INGESTION_MAX_BATCH_BYTES", "1024000")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError");
        assertThat(env(rendering, "segmentation")).containsEntry("QUARKUS_LOG_LEVEL", "WARN")
                .doesNotContainKey("LIFECYCLE_INGESTION_MAX_BATCH_BYTES");
    }

    @Test
    void withoutAutoscalingTheDeploymentKeepsItsReplicaCount() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                services:
                  analytics:
                    replicas: 3
                    autoscaling: {enabled: false, minReplicas: 1, maxReplicas: 1, targetCPUUtilizationPercentage: 70}
                """));

        assertThat(rendering.get(Deployment.class, "lifecycle-analytics").getSpec().getReplicas()).isEqualTo(3);
        assertThat(rendering.find(HorizontalPodAutoscaler.class, "lifecycle-analytics")).isEmpty();
        assertThat(rendering.all(HorizontalPodAutoscaler.class)).hasSize(3);
    }

    private static Map<String, String> config(Rendering rendering, String service) {
        return rendering.get(ConfigMap.class, Chart.objectName(service)).getData();
    }

    private static Map<String, String> env(Rendering rendering, String service) {
        return RenderedManifestsTest.onlyContainer(rendering.get(Deployment.class, Chart.objectName(service)))
                .getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
