package org.lifecycle.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may talk to whom, and what the outside world reaches. */
class NetworkAndExposureTest {

    private static final Set<String> PUBLIC = Set.of("ingestion", "campaign", "analytics");

    @Test
    void ingressExposesOnlyTheTrackingApiTheTrackingLinksAndTheDashboard() {
        Rendering rendering = Chart.renderProduction();

        List<Ingress> ingresses = rendering.all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        Map<String, String> routes = new TreeMap<>();
        for (var rule : ingress.getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                assertThat(path.getPathType()).isEqualTo("Prefix");
                var backend = path.getBackend().getService();
                Service service = rendering.get(Service.class, backend.getName());
                assertThat(service.getSpec().getPorts())
                        .anyMatch(p -> p.getPort().equals(backend.getPort().getNumber()));
                routes.put(rule.getHost() + path.getPath(), backend.getName() + ":" + backend.getPort().getNumber());
            }
        }
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "api.acme.example/v1", "lifecycle-ingestion:8081",
                "t.acme.example/t", "lifecycle-campaign:8083",
                "lifecycle.acme.example/dashboard", "lifecycle-analytics:8084"));
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts())
                .containsExactlyInAnyOrder("api.acme.example", "t.acme.example", "lifecycle.acme.example"));
    }

    @Test
    void noIngressByDefault() {
        assertThat(Chart.renderDefaults().all(Ingress.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyServiceIsIsolatedByItsOwnNetworkPolicy(String values) {
        Rendering rendering = Chart.rendering(values);

        for (Deployment deployment : rendering.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> policies = rendering.all(NetworkPolicy.class).stream().filter(
                    p -> RenderedManifestsTest.labelsMatch(p.getSpec().getPodSelector().getMatchLabels(), podLabels))
                    .toList();
            assertThat(policies).as(deployment.getMetadata().getName()).hasSize(1);
            assertThat(policies.get(0).getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void servicesAreReachedOnlyOnTheirHttpPortAndOnlyFromWhereTheyMustBe(String values) {
        Rendering rendering = Chart.rendering(values);
        boolean ingressOn = values.equals("production");
        boolean prometheusOn = values.equals("production");

        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            String component = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
            for (NetworkPolicyIngressRule rule : rules) {
                assertThat(rule.getFrom()).as("an ingress rule of %s names its peers", component).isNotEmpty();
                assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                        .containsExactly(new IntOrString("http"));
            }
            Set<String> sources = new HashSet<>();
            for (NetworkPolicyIngressRule rule : rules) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    sources.add(describe(peer));
                }
            }
            Set<String> expected = new HashSet<>();
            expected.add("pods health-test");
            if (component.equals("analytics")) {
                // campaign-service reads the cross-sell recommendations.
                expected.add("pods campaign");
            }
            if (ingressOn && PUBLIC.contains(component)) {
                expected.add("namespace ingress-nginx");
            }
            if (prometheusOn) {
                expected.add("namespace monitoring");
            }
            assertThat(sources).as("who reaches %s", component).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void servicesReachOnlyDnsKafkaTheirDatabaseAndForCampaignsTheDeliveryProvidersAndAnalytics(String values) {
        Rendering rendering = Chart.rendering(values);

        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            String component = policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
            Set<String> ports = new HashSet<>();
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                assertThat(rule.getPorts()).as("an egress rule of %s names its ports", component).isNotEmpty();
                for (NetworkPolicyPort port : rule.getPorts()) {
                    ports.add(port.getProtocol() + "/" + port.getPort().getIntVal());
                }
            }
            Set<String> expected = new HashSet<>(Set.of("UDP/53", "TCP/53", "TCP/9092", "TCP/5432"));
            if (component.equals("campaign")) {
                // The delivery providers, and analytics-service's cross-sell recommendations.
                expected.addAll(Set.of("TCP/443", "TCP/587", "TCP/8084"));
            }
            assertThat(ports).as("where %s may connect", component).isEqualTo(expected);
        }
    }

    @Test
    void productionKeepsKafkaAndDatabaseTrafficToTheirOwnPeers() {
        Rendering rendering = Chart.renderProduction();

        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                Set<Integer> ports = new HashSet<>();
                rule.getPorts().forEach(p -> ports.add(p.getPort().getIntVal()));
                if (ports.contains(9092)) {
                    assertThat(rule.getTo()).singleElement().extracting(this::describe)
                            .isEqualTo("namespace kafka");
                }
                if (ports.contains(5432)) {
                    assertThat(rule.getTo()).singleElement().satisfies(peer -> assertThat(
                            peer.getPodSelector().getMatchLabels()).containsEntry("cnpg.io/podRole", "instance"));
                }
            }
        }
    }

    private String describe(NetworkPolicyPeer peer) {
        LabelSelector namespaces = peer.getNamespaceSelector();
        if (namespaces != null) {
            return "namespace " + namespaces.getMatchLabels().get("kubernetes.io/metadata.name");
        }
        return "pods " + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
    }
}
