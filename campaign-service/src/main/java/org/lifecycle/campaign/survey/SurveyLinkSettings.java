package org.lifecycle.campaign.survey;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The keys that sign personal survey links: {@code lifecycle.survey.link-keys} (environment:
 * {@code LIFECYCLE_SURVEY_LINK_KEYS}), comma-separated, at least 32 characters each; the first signs. ingestion-service
 * verifies answers with the same keys, so both read the same secret.
 */
@ConfigMapping(prefix = "lifecycle.survey")
public interface SurveyLinkSettings {

    Optional<List<String>> linkKeys();

    /** Development only: a random key when none is configured (answers then verify nowhere else). */
    @WithDefault("false")
    boolean generateMissingKeys();
}
