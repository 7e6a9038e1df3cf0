package org.lifecycle.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check behind "no unknown fields" catches what fabric8 alone would accept silently. */
class UnknownFieldsTest {

    @Test
    void misspelledAndMisplacedFieldsAreReportedWithTheirPath() {
        Rendering rendering = Rendering.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: typo}
                  template:
                    metadata:
                      labels: {app: typo}
                    spec:
                      containers:
                        - name: app
                          image: app:1
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                          resources:
                            limits: {cpu: "1"}
                  runAsNonRoot: true
                """);

        assertThat(UnknownFields.in(rendering.manifests().get(0).object())).containsExactlyInAnyOrder(
                ".spec.template.spec.containers[0].readinesProbe", ".spec.runAsNonRoot");
    }

    @Test
    void aCleanObjectHasNone() {
        Rendering rendering = Rendering.parse("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: clean
                spec:
                  selector: {app: clean}
                  ports:
                    - {name: http, port: 80, targetPort: http}
                """);

        assertThat(UnknownFields.in(rendering.manifests().get(0).object())).isEmpty();
    }
}
