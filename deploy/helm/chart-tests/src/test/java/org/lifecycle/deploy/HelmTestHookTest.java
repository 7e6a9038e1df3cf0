package org.lifecycle.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm test}: a pod that asks every service whether it is ready, and that the NetworkPolicies let through. */
class HelmTestHookTest {

    @Test
    void theTestTemplateIsAHelmTestHook() throws IOException {
        String template = Files.readString(Chart.DIR.resolve("templates/tests/test-health.yaml"));

        assertThat(template).contains("helm.sh/hook: test");
    }

    @Test
    void theTestPodChecksEachServicesReadinessAndFailsOnAnyFailure() {
        Rendering rendering = Chart.renderWithTestHooks();

        List<Pod> pods = rendering.all(Pod.class);
        assertThat(pods).hasSize(1);
        Pod pod = pods.get(0);
        assertThat(UnknownFields.in(pod)).isEmpty();
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");

        String script = String.join("\n", container.getCommand());
        Chart.SERVICES.forEach((service, port) -> assertThat(script)
                .contains("http://" + Chart.objectName(service) + ":" + port + "/q/health/ready"));
        assertThat(script).contains("exit $failed");

        for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
            assertThat(policy.getSpec().getIngress()).anyMatch(rule -> rule.getFrom().stream()
                    .anyMatch(peer -> peer.getNamespaceSelector() == null && RenderedManifestsTest
                            .labelsMatch(peer.getPodSelector().getMatchLabels(), pod.getMetadata().getLabels())));
        }
    }
}
