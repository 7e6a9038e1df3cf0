package org.lifecycle.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema (draft 2020-12) of each topic's values, shipped in this jar under {@code schemas/}, so that a
 * service, a test or a consumer in another language checks records against the same text the records were built
 * from.
 */
public final class Schemas {

    private static final String DIRECTORY = "schemas/";
    private static final String SUFFIX = ".schema.json";
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /**
     * Where a topic's schema lives on the classpath, e.g. {@code schemas/lifecycle.events.schema.json}. A dead-letter
     * topic carries its main topic's records unchanged, so it maps to the main topic's schema.
     *
     * @throws ContractException if the topic is not one of {@link Topics#all()}
     */
    public static String resourcePath(String topic) {
        String main = topic == null ? null : Topics.mainTopicOf(topic);
        if (main == null || !Topics.MAIN.contains(main)) {
            throw new ContractException("No schema for topic " + topic + ": the suite's topics are " + Topics.all());
        }
        return DIRECTORY + main + SUFFIX;
    }

    /** The schema of a topic's values, as JSON text. */
    public static String text(String topic) {
        return TEXTS.computeIfAbsent(resourcePath(topic), Schemas::load);
    }

    private static String load(String path) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ContractException("Schema " + path + " is missing from the contracts jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + path, e);
        }
    }
}
