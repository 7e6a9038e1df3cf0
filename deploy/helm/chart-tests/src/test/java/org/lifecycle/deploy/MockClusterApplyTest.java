package org.lifecycle.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered manifests go into fabric8's Kubernetes mock API server (CRUD mode) and come back unchanged. */
class MockClusterApplyTest {

    private static final CustomResourceDefinitionContext KAFKA_TOPIC = new CustomResourceDefinitionContext.Builder()
            .withGroup("kafka.strimzi.io").withVersion("v1beta2").withKind("KafkaTopic").withPlural("kafkatopics")
            .withScope("Namespaced").build();
    private static final CustomResourceDefinitionContext SERVICE_MONITOR = new CustomResourceDefinitionContext.Builder()
            .withGroup("monitoring.coreos.com").withVersion("v1").withKind("ServiceMonitor")
            .withPlural("servicemonitors").withScope("Namespaced").build();

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyRenderedObjectIsCreatedAndReadBackUnchanged(String values) {
        Rendering rendering = Chart.rendering(values);
        KubernetesClient client = MockCluster.client();
        MockCluster.expectCustomResource(KAFKA_TOPIC);
        MockCluster.expectCustomResource(SERVICE_MONITOR);

        for (Rendering.Manifest manifest : rendering.manifests()) {
            HasMetadata object = manifest.object();
            String objectNamespace = namespaceOf(object, values);
            HasMetadata created;
            HasMetadata readBack;
            if (object instanceof GenericKubernetesResource generic) {
                var resources = client.genericKubernetesResources(context(generic)).inNamespace(objectNamespace);
                created = resources.resource(generic).create();
                readBack = resources.withName(generic.getMetadata().getName()).get();
            } else {
                created = client.resource(object).inNamespace(objectNamespace).create();
                readBack = client.resource(object).inNamespace(objectNamespace).get();
            }

            assertThat(created.getMetadata().getUid()).as("uid the server gave %s", manifest).isNotBlank();
            assertThat(readBack).as("%s read back", manifest).isNotNull();
            assertThat(readBack.getMetadata().getLabels()).isEqualTo(object.getMetadata().getLabels());
            assertThat(readBack.getMetadata().getAnnotations()).isEqualTo(object.getMetadata().getAnnotations());
            assertThat(content(readBack)).as("%s read back", manifest).isEqualTo(content(object));
        }

        Map<String, Long> renderedKinds = countByKind(rendering.manifests().stream().map(Rendering.Manifest::object)
                .toList());
        for (Map.Entry<String, Long> kind : renderedKinds.entrySet()) {
            HasMetadata sample = rendering.manifests().stream().map(Rendering.Manifest::object)
                    .filter(o -> o.getKind().equals(kind.getKey())).findFirst().orElseThrow();
            if (sample instanceof GenericKubernetesResource generic) {
                String objectNamespace = namespaceOf(generic, values);
                assertThat(client.genericKubernetesResources(context(generic)).inNamespace(objectNamespace).list()
                        .getItems()).as(kind.getKey()).hasSize(kind.getValue().intValue());
            } else {
                assertThat(
                        client.resources(sample.getClass()).inNamespace(namespaceOf(sample, values)).list().getItems())
                        .as(kind.getKey()).hasSize(kind.getValue().intValue());
            }
        }
    }

    /**
     * Where an object goes: the release's namespace, or the one the chart names (the KafkaTopics go to Kafka's),
     * each suffixed so the two renderings stay apart.
     */
    private static String namespaceOf(HasMetadata object, String values) {
        String named = object.getMetadata().getNamespace();
        return (named != null ? named : "applied") + "-" + values;
    }

    private static CustomResourceDefinitionContext context(GenericKubernetesResource resource) {
        return switch (resource.getKind()) {
            case "KafkaTopic" -> KAFKA_TOPIC;
            case "ServiceMonitor" -> SERVICE_MONITOR;
            default -> throw new AssertionError("Unexpected custom resource " + resource.getKind());
        };
    }

    /** Everything but the metadata the server fills in. */
    private static Map<String, Object> content(HasMetadata object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = new LinkedHashMap<>(Rendering.SERIALIZATION.convertValue(object, Map.class));
        map.remove("metadata");
        map.remove("status");
        return map;
    }

    private static Map<String, Long> countByKind(List<HasMetadata> objects) {
        Map<String, Long> counts = new LinkedHashMap<>();
        objects.forEach(o -> counts.merge(o.getKind(), 1L, Long::sum));
        return counts;
    }
}
