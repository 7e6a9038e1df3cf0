package org.lifecycle.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.assertj.core.api.Assertions.assertThat;

/** No secret value ships with the chart; generated keys survive upgrades; an existing Secret replaces the chart's. */
class SecretsTest {

    private static final String SECRET = "lifecycle-secrets";
    private static final Set<String> GENERATED = Set.of("admin-token", "tracking-keys", "delivery-signing-key",
            "survey-link-keys");

    @Test
    void theDefaultsHoldNoSecretValue() throws IOException {
        Map<?, ?> values = new ObjectMapper(new YAMLFactory()).readValue(Chart.DIR.resolve("values.yaml").toFile(),
                Map.class);

        List<Object> secretValues = new ArrayList<>();
        collectLeaves(values.get("secrets"), secretValues);
        assertThat(secretValues).isNotEmpty().allMatch(""::equals);
    }

    @Test
    void noRenderedSecretCarriesALiteralFromTheChart() throws IOException {
        Rendering first = Chart.render();
        Rendering second = Chart.render();
        Set<String> literals = new HashSet<>();
        collectStrings(new ObjectMapper(new YAMLFactory()).readValue(Chart.DIR.resolve("values.yaml").toFile(),
                Map.class), literals);

        Map<String, String> firstData = decoded(first.get(Secret.class, SECRET));
        Map<String, String> secondData = decoded(second.get(Secret.class, SECRET));

        assertThat(firstData.keySet()).isEqualTo(GENERATED);
        for (String key : GENERATED) {
            assertThat(firstData.get(key)).as(key).hasSizeGreaterThanOrEqualTo(32).isNotIn(literals)
                    .doesNotContain("changeme", "secret", "password");
            assertThat(secondData.get(key)).as("%s is generated for each installation", key)
                    .isNotEqualTo(firstData.get(key));
        }
        for (Secret secret : first.all(Secret.class)) {
            assertThat(secret.getStringData()).as("stringData of %s", secret.getMetadata().getName()).isNullOrEmpty();
        }
    }

    @Test
    void generatedKeysAreKeptWhenTheReleaseIsUpgraded() {
        String namespace = "upgrade-keeps-keys";
        Secret installed = Rendering.parse(Chart.template(namespace)).get(Secret.class, SECRET);
        MockCluster.client().resource(new SecretBuilder(installed).editMetadata().withNamespace(namespace).endMetadata()
                .build()).create();

        Secret upgraded = Rendering.parse(Chart.template(namespace)).get(Secret.class, SECRET);

        assertThat(upgraded.getData()).isEqualTo(installed.getData());
        assertThat(upgraded.getMetadata().getAnnotations()).as("kept when the release is deleted")
                .containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void anUpgradeWithoutChangesRestartsNoPod() {
        List<Deployment> first = Chart.render().all(Deployment.class);
        List<Deployment> second = Chart.render().all(Deployment.class);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void changingAGivenSecretValueRestartsThePods() {
        Deployment before = Chart.renderDefaults().get(Deployment.class, "lifecycle-campaign");
        Deployment after = Chart.render(Chart.valuesFile("secrets: {smtpPassword: rotated}")).get(Deployment.class,
                "lifecycle-campaign");

        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/secret"))
                .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/secret"));
    }

    @Test
    void givenValuesGoIntoTheSecretAndEmptyOptionalOnesAreLeftOut() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                secrets:
                  adminToken: admin-token-from-the-operator-0123456789
                  smtpPassword: smtp-pass
                  databasePasswords:
                    campaign: campaign-db-pass
                """));

        Map<String, String> data = decoded(rendering.get(Secret.class, SECRET));

        assertThat(data).containsEntry("admin-token", "admin-token-from-the-operator-0123456789")
                .containsEntry("smtp-password", "smtp-pass").containsEntry("campaign-database-password",
                        "campaign-db-pass")
                .doesNotContainKeys("smtp-username", "ingestion-database-password", "sms-signing-key");
        assertThat(data.get("tracking-keys")).hasSize(48);
    }

    @Test
    void everySecretReferenceNamesAKeyTheSecretHasOrIsOptional() {
        Rendering rendering = Chart.renderDefaults();
        Map<String, String> data = decoded(rendering.get(Secret.class, SECRET));

        for (Deployment deployment : rendering.all(Deployment.class)) {
            for (EnvVar variable : RenderedManifestsTest.onlyContainer(deployment).getEnv()) {
                if (variable.getValueFrom() == null) {
                    continue;
                }
                SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
                assertThat(ref.getName()).isEqualTo(SECRET);
                if (!Boolean.TRUE.equals(ref.getOptional())) {
                    assertThat(data).as("%s of %s", variable.getName(), deployment.getMetadata().getName())
                            .containsKey(ref.getKey());
                }
            }
        }
    }

    @Test
    void anExistingSecretReplacesTheChartsOwn() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                secrets:
                  existingSecret: acme-lifecycle
                services:
                  segmentation:
                    database:
                      passwordSecret: {name: segmentation-db-app, key: password}
                """));

        assertThat(rendering.all(Secret.class)).isEmpty();
        for (Deployment deployment : rendering.all(Deployment.class)) {
            for (EnvVar variable : RenderedManifestsTest.onlyContainer(deployment).getEnv()) {
                if (variable.getValueFrom() == null) {
                    continue;
                }
                SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
                if (deployment.getMetadata().getName().equals("lifecycle-segmentation")
                        && variable.getName().equals("QUARKUS_DATASOURCE_PASSWORD")) {
                    assertThat(ref.getName()).isEqualTo("segmentation-db-app");
                    assertThat(ref.getKey()).isEqualTo("password");
                    assertThat(ref.getOptional()).isNotEqualTo(Boolean.TRUE);
                } else {
                    assertThat(ref.getName()).as(variable.getName()).isEqualTo("acme-lifecycle");
                }
            }
        }
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> data = new java.util.TreeMap<>();
        secret.getData().forEach(
                (key, value) -> data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        return data;
    }

    private static void collectLeaves(Object node, List<Object> leaves) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collectLeaves(value, leaves));
        } else {
            leaves.add(node);
        }
    }

    private static void collectStrings(Object node, Set<String> strings) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collectStrings(value, strings));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectStrings(value, strings));
        } else if (node instanceof String text && !text.isEmpty()) {
            strings.add(text);
        }
    }
}
