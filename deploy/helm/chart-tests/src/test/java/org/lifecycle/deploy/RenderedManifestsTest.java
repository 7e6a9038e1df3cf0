package org.lifecycle.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chart renders, with its default values and with the production-like example, object by object. */
class RenderedManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyObjectParsesIntoItsTypedModelWithoutUnknownFields(String values) {
        Rendering rendering = Chart.rendering(values);

        assertThat(rendering.manifests()).isNotEmpty();
        for (Rendering.Manifest manifest : rendering.manifests()) {
            Set<String> custom = Set.of("KafkaTopic", "ServiceMonitor");
            if (custom.contains(manifest.kind())) {
                assertThat(manifest.object()).as(manifest.toString()).isInstanceOf(GenericKubernetesResource.class);
            } else {
                assertThat(manifest.object()).as("%s has a typed model", manifest)
                        .isNotInstanceOf(GenericKubernetesResource.class);
                assertThat(UnknownFields.in(manifest.object())).as("fields of %s unknown to Kubernetes", manifest)
                        .isEmpty();
            }
            assertThat(manifest.name()).as(manifest.toString()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyServiceHasItsDeploymentServiceAccountServiceAndConfig(String values) {
        Rendering rendering = Chart.rendering(values);

        for (String service : Chart.SERVICES.keySet()) {
            String name = Chart.objectName(service);
            Deployment deployment = rendering.get(Deployment.class, name);
            rendering.get(Service.class, name);
            rendering.get(ServiceAccount.class, name);
            rendering.get(ConfigMap.class, name);
            rendering.get(PodDisruptionBudget.class, name);
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(name);
        }
        assertThat(rendering.all(Deployment.class)).hasSize(Chart.SERVICES.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyDeploymentProbesTheHealthEndpointsOnItsHttpPort(String values) {
        Rendering rendering = Chart.rendering(values);

        for (Deployment deployment : rendering.all(Deployment.class)) {
            Container container = onlyContainer(deployment);
            int port = Chart.SERVICES.get(component(deployment));
            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);

            assertProbe(container, container.getLivenessProbe(), "/q/health/live", port);
            assertProbe(container, container.getReadinessProbe(), "/q/health/ready", port);
            assertProbe(container, container.getStartupProbe(), "/q/health/started", port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyDeploymentHasResourcesAndARestrictedSecurityContext(String values) {
        Rendering rendering = Chart.rendering(values);

        for (Deployment deployment : rendering.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = onlyContainer(deployment);
            String what = deployment.getMetadata().getName();

            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(what).containsKeys("cpu", "memory");
            assertThat(limits).as(what).containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
            assertThat(Quantity.getAmountInBytes(limits.get("cpu")))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));

            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(what).isTrue();
            assertThat(podSecurity.getRunAsUser()).as(what).isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
            assertThat(security.getPrivileged()).as(what).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
            assertThat(pod.getAutomountServiceAccountToken()).as(what).isFalse();

            // With a read-only root filesystem, /tmp is the one writable place the JVM and Vert.x need.
            assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
            assertThat(pod.getVolumes()).anyMatch(v -> v.getEmptyDir() != null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void terminationGracePeriodOutlastsThePreStopPauseAndTheServiceShutdown(String values) {
        Rendering rendering = Chart.rendering(values);

        for (Deployment deployment : rendering.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            ConfigMap config = rendering.get(ConfigMap.class, name);
            String shutdown = config.getData().get("QUARKUS_SHUTDOWN_TIMEOUT");
            assertThat(shutdown).as(name).matches("[0-9]+s");
            long shutdownSeconds = Long.parseLong(shutdown.substring(0, shutdown.length() - 1));
            List<String> preStop = onlyContainer(deployment).getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).as(name).hasSize(2).first().isEqualTo("sleep");
            long pauseSeconds = Long.parseLong(preStop.get(1));

            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).as(name)
                    .isGreaterThan(shutdownSeconds + pauseSeconds);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void deploymentSelectorsMatchTheirPodLabelsAndNoOtherDeployment(String values) {
        Rendering rendering = Chart.rendering(values);

        for (Deployment deployment : rendering.all(Deployment.class)) {
            LabelSelector selector = deployment.getSpec().getSelector();
            assertThat(selector.getMatchExpressions()).isNullOrEmpty();
            assertThat(selector.getMatchLabels()).isNotEmpty();
            assertThat(deploymentsSelectedBy(rendering, selector)).containsExactly(deployment);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyAutoscalerAndDisruptionBudgetTargetsAnExistingDeployment(String values) {
        Rendering rendering = Chart.rendering(values);

        for (HorizontalPodAutoscaler hpa : rendering.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getApiVersion()).isEqualTo("apps/v1");
            assertThat(target.getKind()).isEqualTo("Deployment");
            Deployment deployment = rendering.get(Deployment.class, target.getName());
            assertThat(hpa.getSpec().getMinReplicas()).isPositive()
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            // The autoscaler owns the replica count: the chart must not reset it on every upgrade.
            assertThat(deployment.getSpec().getReplicas()).as("replicas of %s", target.getName()).isNull();
        }
        for (PodDisruptionBudget pdb : rendering.all(PodDisruptionBudget.class)) {
            assertThat(deploymentsSelectedBy(rendering, pdb.getSpec().getSelector()))
                    .extracting(d -> d.getMetadata().getName()).containsExactly(pdb.getMetadata().getName());
            assertThat(pdb.getSpec().getMaxUnavailable()).isNotNull();
        }
        for (Deployment deployment : rendering.all(Deployment.class)) {
            boolean scaled = rendering.find(HorizontalPodAutoscaler.class, deployment.getMetadata().getName())
                    .isPresent();
            if (!scaled) {
                assertThat(deployment.getSpec().getReplicas()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyServiceHasEndpointsOnANamedContainerPort(String values) {
        Rendering rendering = Chart.rendering(values);

        assertThat(rendering.all(Service.class)).hasSize(Chart.SERVICES.size());
        for (Service service : rendering.all(Service.class)) {
            List<Deployment> backends = deploymentsSelectedBy(rendering,
                    new LabelSelector(null, service.getSpec().getSelector()));
            assertThat(backends).as("pods behind %s", service.getMetadata().getName()).hasSize(1);
            Container container = onlyContainer(backends.get(0));
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                ContainerPort containerPort = container.getPorts().stream()
                        .filter(p -> target.getStrVal() != null
                                ? target.getStrVal().equals(p.getName())
                                : target.getIntVal().equals(p.getContainerPort()))
                        .findFirst().orElseThrow(() -> new AssertionError("No container port " + target));
                assertThat(port.getPort()).isEqualTo(containerPort.getContainerPort());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "production"})
    void everyServiceGetsKafkaAndItsOwnDatabaseFromTheEnvironment(String values) {
        Rendering rendering = Chart.rendering(values);

        Set<String> urls = new java.util.HashSet<>();
        for (String service : Chart.SERVICES.keySet()) {
            Map<String, String> env = rendering.get(ConfigMap.class, Chart.objectName(service)).getData();
            assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_REACTIVE_URL",
                    "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_HTTP_PORT");
            assertThat(env.get("QUARKUS_HTTP_PORT")).isEqualTo(String.valueOf(Chart.SERVICES.get(service)));
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).startsWith("postgresql://");
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .isEqualTo("jdbc:" + env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            urls.add(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));

            Container container = onlyContainer(rendering.get(Deployment.class, Chart.objectName(service)));
            assertThat(container.getEnvFrom()).anyMatch(source -> source.getConfigMapRef() != null
                    && source.getConfigMapRef().getName().equals(Chart.objectName(service)));
            assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD")
                    && e.getValueFrom().getSecretKeyRef() != null);
        }
        assertThat(urls).as("one database per service").hasSize(Chart.SERVICES.size());

        Map<String, String> campaign = envOf(rendering, "campaign");
        assertThat(campaign).containsKeys("LIFECYCLE_TRACKING_KEYS", "LIFECYCLE_DELIVERY_SIGNING_KEY",
                "QUARKUS_MAILER_PASSWORD");
        assertThat(envOf(rendering, "ingestion")).containsKey("LIFECYCLE_ADMIN_TOKEN");
        // Campaign signs personal survey links and ingestion verifies the answers with the same secret key.
        assertThat(campaign.get("LIFECYCLE_SURVEY_LINK_KEYS")).endsWith("/survey-link-keys")
                .isEqualTo(envOf(rendering, "ingestion").get("LIFECYCLE_SURVEY_LINK_KEYS"));
        assertThat(campaign.get("LIFECYCLE_DELIVERY_SUPPORT_DESK_SIGNING_KEY")).endsWith("/support-desk-signing-key");
        Map<String, String> campaignConfig = rendering.get(ConfigMap.class, Chart.objectName("campaign")).getData();
        if (values.equals("production")) {
            assertThat(campaignConfig).containsEntry("LIFECYCLE_DELIVERY_SUPPORT_DESK_URL",
                    "https://desk.acme.example/hooks/lifecycle");
        } else {
            assertThat(campaignConfig).doesNotContainKey("LIFECYCLE_DELIVERY_SUPPORT_DESK_URL");
        }
        assertThat(rendering.get(ConfigMap.class, Chart.objectName("analytics")).getData())
                .containsEntry("LIFECYCLE_ANALYTICS_DASHBOARD_PATH", "/dashboard");
    }

    /** Environment variables a container takes from Secrets: name to secret/key. */
    private static Map<String, String> envOf(Rendering rendering, String service) {
        Map<String, String> fromSecrets = new HashMap<>();
        for (var variable : onlyContainer(rendering.get(Deployment.class, Chart.objectName(service))).getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                fromSecrets.put(variable.getName(), ref.getName() + "/" + ref.getKey());
            }
        }
        return fromSecrets;
    }

    static List<Deployment> deploymentsSelectedBy(Rendering rendering, LabelSelector selector) {
        return rendering.all(Deployment.class).stream()
                .filter(d -> labelsMatch(selector.getMatchLabels(),
                        d.getSpec().getTemplate().getMetadata().getLabels()))
                .toList();
    }

    static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    static String component(Deployment deployment) {
        return deployment.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component");
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as("probe %s of %s", path, container.getName()).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        IntOrString probePort = get.getPort();
        int resolved = probePort.getIntVal() != null
                ? probePort.getIntVal()
                : container.getPorts().stream().filter(p -> probePort.getStrVal().equals(p.getName()))
                        .map(ContainerPort::getContainerPort).findFirst()
                        .orElseThrow(() -> new AssertionError("No container port named " + probePort.getStrVal()));
        assertThat(resolved).as("port of %s", path).isEqualTo(port);
        assertThat(probe.getPeriodSeconds()).isPositive();
        assertThat(probe.getFailureThreshold()).isPositive();
    }

    static Set<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }
}
