package org.lifecycle.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart under test, rendered by real Helm (embedded by helm-java) as {@code helm template} would. */
final class Chart {

    static final Path DIR = Path.of(System.getProperty("lifecycle.chart.dir", "../lifecycle")).toAbsolutePath()
            .normalize();
    static final Path PRODUCTION_VALUES = Path.of(System.getProperty("lifecycle.examples.dir", "../examples"))
            .resolve("production.yaml").toAbsolutePath().normalize();
    static final String RELEASE = "lifecycle";
    static final String NAMESPACE = "lifecycle";
    static final String KUBE_VERSION = "1.31.0";

    /** The services, by the key the chart's values name them with, and their HTTP ports. */
    static final Map<String, Integer> SERVICES = Map.of("ingestion", 8081, "segmentation", 8082, "campaign", 8083,
            "analytics", 8084);

    private static final Map<String, Rendering> CACHE = new HashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Chart() {
    }

    static Helm helm() {
        return new Helm(DIR);
    }

    /** Renders the chart with these values files applied in order over the chart's defaults. */
    static Rendering render(Path... valuesFiles) {
        return Rendering.parse(template(valuesFiles));
    }

    /** The chart with its default values; rendered once per test run. */
    static synchronized Rendering renderDefaults() {
        return CACHE.computeIfAbsent("defaults", name -> keep(name, render()));
    }

    /** The chart with the production-like example values; rendered once per test run. */
    static synchronized Rendering renderProduction() {
        return CACHE.computeIfAbsent("production", name -> keep(name, render(PRODUCTION_VALUES)));
    }

    static Rendering rendering(String name) {
        return switch (name) {
            case "defaults" -> renderDefaults();
            case "production" -> renderProduction();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Renders with the {@code helm test} hooks as plain objects. Helm (as embedded) leaves hooks out of what it
     * renders, so this renders a copy of the chart whose test templates lack the hook annotation; the annotation
     * itself is checked on the template's text.
     */
    static Rendering renderWithTestHooks(Path... valuesFiles) {
        try {
            Path copy = copyOfChart(Map.of("templates/tests/test-health.yaml",
                    text -> text.replaceAll("(?m)^\\s*helm\\.sh/hook.*$\\n", "")));
            TemplateCommand command = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION);
            for (Path file : valuesFiles) {
                command = command.withValuesFile(file);
            }
            MockCluster.client();
            return Rendering.parse(command.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lints in strict mode with these values files over the defaults. The embedded Helm lints a chart with its own
     * values.yaml only, so this lints a copy whose values.yaml holds the defaults with the files merged in as Helm
     * merges them (maps key by key, anything else replaced).
     */
    static LintResult lintStrict(Path... valuesFiles) {
        try {
            Path copy = copyOfChart(Map.of());
            Map<String, Object> values = YAML.readValue(DIR.resolve("values.yaml").toFile(), MAP);
            for (Path file : valuesFiles) {
                values = merge(values, YAML.readValue(file.toFile(), MAP));
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A copy of the chart in a temporary directory, with some files' text changed on the way. */
    private static Path copyOfChart(Map<String, java.util.function.UnaryOperator<String>> edits) throws IOException {
        Path copy = Files.createTempDirectory("lifecycle-chart");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path source : files.toList()) {
                String relative = DIR.relativize(source).toString();
                Path target = copy.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (edits.containsKey(relative)) {
                    Files.writeString(target, edits.get(relative).apply(Files.readString(source)));
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** Writes values to a temporary file, for a test that renders with values of its own. */
    static Path valuesFile(String yaml) {
        try {
            Path file = Files.createTempFile("values", ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the rendered manifests in target/rendered/ for a reader to look at. */
    private static Rendering keep(String name, Rendering rendering) {
        try {
            Path dir = Path.of("target", "rendered");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".yaml"), rendering.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rendering;
    }

    static String template(Path... valuesFiles) {
        return template(NAMESPACE, valuesFiles);
    }

    /**
     * Renders into a namespace. The chart looks up its Secret there to keep generated keys, so Helm talks to the mock
     * cluster as it would to a real one.
     */
    static String template(String namespace, Path... valuesFiles) {
        MockCluster.client();
        TemplateCommand command = helm().template().withName(RELEASE).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No values file " + file);
            }
            command = command.withValuesFile(file);
        }
        return command.call();
    }

    /** The name the chart gives a service's objects for the release {@link #RELEASE}. */
    static String objectName(String service) {
        return RELEASE + "-" + service;
    }
}
