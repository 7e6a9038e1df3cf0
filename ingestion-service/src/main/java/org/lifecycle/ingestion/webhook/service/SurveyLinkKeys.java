package org.lifecycle.ingestion.webhook.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * The keys that verify personal survey links ({@link org.lifecycle.contracts.event.signal.SurveyLinks}):
 * {@code lifecycle.survey.link-keys}, environment {@code LIFECYCLE_SURVEY_LINK_KEYS}, the same secret campaign-service
 * signs the links with; comma-separated, at least 32 characters each, every one verifies (the first signs there), so
 * a new key can be added before the old one is dropped. Without keys no link verifies.
 */
@Startup
@ApplicationScoped
public class SurveyLinkKeys {

    public static final String SETTING = "lifecycle.survey.link-keys";
    public static final int MIN_LENGTH = 32;

    private final List<String> keys;

    public SurveyLinkKeys(@ConfigProperty(name = SETTING) Optional<List<String>> configured) {
        keys = configured.orElse(List.of()).stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).length() < MIN_LENGTH) {
                // Names the setting and the position, never the key.
                throw new IllegalStateException(SETTING + ": key " + (i + 1) + " is shorter than " + MIN_LENGTH
                        + " characters");
            }
        }
    }

    public List<String> keys() {
        return keys;
    }
}
