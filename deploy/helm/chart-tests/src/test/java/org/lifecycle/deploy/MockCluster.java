package org.lifecycle.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * fabric8's Kubernetes mock API server in CRUD mode, one per test run: objects created in it can be read, listed and
 * deleted back. Helm reaches it too, through the kubeconfig named by {@code KUBECONFIG}, so the chart's
 * {@code lookup} calls (the generated keys kept across upgrades) run against an API server as on a real cluster.
 */
final class MockCluster {

    private static KubernetesMockServer server;
    private static KubernetesClient client;

    private MockCluster() {
    }

    /** Starts the server on first use and points Helm's kubeconfig at it. */
    static synchronized KubernetesClient client() {
        if (client == null) {
            var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
            server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                    new KubernetesMixedDispatcher(responses), false);
            server.init();
            // Helm discovers the core API's resources before its lookup: the CRUD dispatcher does not answer that.
            var coreApi = new APIResourceListBuilder().withGroupVersion("v1")
                    .withResources(List.of(coreResource("secrets", "Secret"), coreResource("configmaps", "ConfigMap"),
                            coreResource("services", "Service"), coreResource("pods", "Pod"),
                            coreResource("serviceaccounts", "ServiceAccount")))
                    .build();
            // client-go asks with its discovery timeout as a query parameter.
            for (String path : List.of("/api/v1", "/api/v1?timeout=32s")) {
                server.expect().get().withPath(path).andReturn(200, coreApi).always();
            }
            client = server.createClient();
            writeKubeconfig(server.url("/").replaceAll("/$", ""));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.destroy();
            }));
        }
        return client;
    }

    /** Lets the CRUD dispatcher serve a custom resource, as a cluster does once its CRD is installed. */
    static synchronized void expectCustomResource(CustomResourceDefinitionContext context) {
        client();
        server.expectCustomResource(context);
    }

    private static io.fabric8.kubernetes.api.model.APIResource coreResource(String plural, String kind) {
        return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(true)
                .withVerbs("get", "list", "create", "update", "patch", "delete").build();
    }

    private static void writeKubeconfig(String url) {
        String location = System.getenv("KUBECONFIG");
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("KUBECONFIG must name the file where the mock cluster's kubeconfig goes"
                    + " (the module's surefire configuration sets it)");
        }
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                users:
                  - name: mock
                    user:
                      token: mock
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: mock
                current-context: mock
                """.formatted(url);
        try {
            Path file = Path.of(location);
            Files.createDirectories(file.getParent());
            Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
