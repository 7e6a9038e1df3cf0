package org.lifecycle.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;

import static org.assertj.core.api.Assertions.assertThat;

/** The Strimzi KafkaTopics and the Prometheus ServiceMonitor, which fabric8 sees as generic resources. */
class CustomResourcesTest {

    private static final Set<String> TOPIC_SPEC = Set.of("topicName", "partitions", "replicas", "config");

    @Test
    void everyTopicOfTheSuiteAndItsDeadLetterTopicHasAKafkaTopic() {
        List<GenericKubernetesResource> topics = Chart.renderProduction().custom("KafkaTopic");

        assertThat(topics).extracting(t -> (String) spec(t).get("topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.all());
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "lifecycle");
            assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(topic.getAdditionalProperties().keySet()).containsExactly("spec");
            Map<String, Object> spec = spec(topic);
            assertThat(spec.keySet()).isEqualTo(TOPIC_SPEC);
            assertThat(spec.get("partitions")).isInstanceOf(Integer.class);
            assertThat(spec.get("replicas")).isEqualTo(3);
            assertThat(spec.get("config")).isInstanceOf(Map.class);
            ((Map<?, ?>) spec.get("config")).values().forEach(value -> assertThat(value).isInstanceOf(String.class));
            assertThat(((Map<?, ?>) spec.get("config")).get("min.insync.replicas")).isEqualTo("2");
        }
        assertThat(partitionsOf(topics, "lifecycle.events")).isEqualTo(48);
        assertThat(partitionsOf(topics, "lifecycle.transitions")).isEqualTo(24);
        assertThat(partitionsOf(topics, "lifecycle.events.dlq")).isEqualTo(3);
    }

    @Test
    void aTopicPrefixNamesTheTopicsTheServicesUse() {
        Rendering rendering = Chart.render(Chart.valuesFile("""
                kafka:
                  topicPrefix: staging.
                  topics:
                    create: true
                """));

        assertThat(rendering.custom("KafkaTopic")).extracting(t -> (String) spec(t).get("topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(t -> "staging." + t).toList());
        for (String service : Chart.SERVICES.keySet()) {
            assertThat(rendering.get(io.fabric8.kubernetes.api.model.ConfigMap.class, Chart.objectName(service))
                    .getData()).containsEntry("LIFECYCLE_TOPIC_PREFIX", "staging.");
        }
    }

    @Test
    void noKafkaTopicsOrServiceMonitorUnlessAskedFor() {
        Rendering rendering = Chart.renderDefaults();

        assertThat(rendering.custom("KafkaTopic")).isEmpty();
        assertThat(rendering.custom("ServiceMonitor")).isEmpty();
    }

    @Test
    void theServiceMonitorScrapesEveryServicesMetrics() {
        Rendering rendering = Chart.renderProduction();

        GenericKubernetesResource monitor = rendering.custom("ServiceMonitor").get(0);
        assertThat(rendering.custom("ServiceMonitor")).hasSize(1);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Map<String, Object> spec = spec(monitor);
        assertThat(spec.keySet()).containsExactlyInAnyOrder("selector", "namespaceSelector", "endpoints");

        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
                .get("matchLabels");
        List<Service> scraped = rendering.all(Service.class).stream()
                .filter(s -> RenderedManifestsTest.labelsMatch(selector, s.getMetadata().getLabels())).toList();
        assertThat(scraped).hasSize(Chart.SERVICES.size());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
            assertThat(endpoint.keySet()).containsExactlyInAnyOrder("port", "path", "interval", "scrapeTimeout");
        });
        for (Service service : scraped) {
            assertThat(service.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static Object partitionsOf(List<GenericKubernetesResource> topics, String name) {
        return topics.stream().filter(t -> name.equals(spec(t).get("topicName"))).findFirst()
                .map(t -> spec(t).get("partitions")).orElseThrow();
    }
}
