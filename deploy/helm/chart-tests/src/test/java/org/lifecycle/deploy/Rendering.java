package org.lifecycle.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** What the chart rendered: each document as parsed YAML and as the typed Kubernetes object fabric8 makes of it. */
record Rendering(String text, List<Manifest> manifests) {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rendered document. */
    record Manifest(Map<String, Object> raw, HasMetadata object) {

        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    static Rendering parse(String text) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents = YAML.readerForMapOf(Object.class).readValues(text)) {
            while (documents.hasNext()) {
                Map<String, Object> raw = documents.next();
                if (raw == null || raw.isEmpty()) {
                    continue;
                }
                HasMetadata object = SERIALIZATION.unmarshal(JSON.writeValueAsString(raw));
                manifests.add(new Manifest(raw, object));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Rendered manifests are not YAML", e);
        }
        return new Rendering(text, List.copyOf(manifests));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(o -> o.getClass() == type).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name
                + " in " + manifests));
    }

    /** The custom resources of a kind (KafkaTopic, ServiceMonitor): fabric8 has no typed model for them. */
    List<GenericKubernetesResource> custom(String kind) {
        return manifests.stream().map(Manifest::object).filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(r -> kind.equals(r.getKind())).toList();
    }
}
