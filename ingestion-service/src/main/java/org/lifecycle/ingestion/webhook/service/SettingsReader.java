package org.lifecycle.ingestion.webhook.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the settings object of a webhook endpoint: every key must be known, lists are lists of non-blank strings, maps
 * are objects of strings. Each problem is recorded with its path ({@code settings.paths.userId}); a value that is
 * absent keeps the default.
 */
final class SettingsReader {

    private static final int MAX_ITEMS = 50;
    private static final int MAX_TEXT = 200;

    private final JsonNode settings;
    private final List<Violation> violations;

    SettingsReader(JsonNode settings, Set<String> known, List<Violation> violations) {
        this.settings = settings;
        this.violations = violations;
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            violations.add(Violation.of("settings", "must be a JSON object"));
        } else if (settings != null) {
            for (Iterator<String> names = settings.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!known.contains(name)) {
                    violations.add(Violation.of("settings." + name, "is not a setting of this kind of webhook; known: "
                            + String.join(", ", known.stream().sorted().toList())));
                }
            }
        }
    }

    List<String> strings(String name, List<String> fallback) {
        JsonNode value = field(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray() || value.size() > MAX_ITEMS) {
            violations.add(Violation.of("settings." + name, "must be an array of at most " + MAX_ITEMS + " strings"));
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > MAX_TEXT) {
                violations.add(Violation.of("settings." + name + "[" + i + "]",
                        "must be a non-blank string of at most " + MAX_TEXT + " characters"));
            } else {
                out.add(item.textValue());
            }
        }
        return List.copyOf(out);
    }

    boolean flag(String name, boolean fallback) {
        JsonNode value = field(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            violations.add(Violation.of("settings." + name, "must be true or false"));
            return fallback;
        }
        return value.booleanValue();
    }

    /**
     * An object of strings merged over the defaults; with {@code keys}, only those keys are allowed, and
     * {@code pointers} requires each value to be a JSON pointer.
     */
    Map<String, String> strings(String name, Map<String, String> defaults, Set<String> keys, boolean pointers) {
        Map<String, String> out = new LinkedHashMap<>(defaults);
        JsonNode value = field(name);
        if (value == null) {
            return out;
        }
        if (!value.isObject() || value.size() > MAX_ITEMS) {
            violations.add(Violation.of("settings." + name, "must be an object of at most " + MAX_ITEMS + " strings"));
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "settings." + name + "." + entry.getKey();
            if (keys != null && !keys.contains(entry.getKey())) {
                violations.add(Violation.of(path, "is not known; known: " + String.join(", ", keys)));
                continue;
            }
            JsonNode item = entry.getValue();
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > MAX_TEXT) {
                violations.add(Violation.of(path, "must be a non-blank string of at most " + MAX_TEXT + " characters"));
            } else if (pointers && !item.textValue().startsWith("/")) {
                violations.add(Violation.of(path, "must be a JSON pointer such as /ticket/id"));
            } else {
                out.put(entry.getKey(), item.textValue());
            }
        }
        return out;
    }

    private JsonNode field(String name) {
        if (settings == null || !settings.isObject()) {
            return null;
        }
        JsonNode value = settings.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
