package org.lifecycle.campaign.journey.definition;

import java.util.Objects;

/**
 * One published version of a journey. An enrollment runs on the version it entered, to the end, even when a newer
 * version is activated meanwhile; new entries take the active version.
 *
 * @param version 1 for the first saved definition of a key, then one more for each save
 */
public record JourneyVersion(JourneyDefinition definition, int version) {

    public JourneyVersion {
        Objects.requireNonNull(definition, "definition");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    public String key() {
        return definition.key();
    }
}
