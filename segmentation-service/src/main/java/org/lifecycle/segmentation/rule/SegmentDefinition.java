package org.lifecycle.segmentation.rule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A segment: who is in it is decided by its rule, at every moment.
 *
 * @param key the segment's key, e.g. {@code repeat_buyers}: lowercase letters, digits and {@code _}, starting with a
 *        letter, at most 40 characters, because keys appear in topics, URLs and campaign triggers
 * @param name what marketers call it
 * @param description what it is for, and what the rule means in plain words
 * @param rule who is in it
 */
public record SegmentDefinition(String key, String name, String description, Rule rule) {

    /** The format of segment and stage keys. */
    public static final Pattern KEY_FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public SegmentDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rule, "rule");
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw new IllegalArgumentException("Segment key " + key + " does not match " + KEY_FORMAT);
        }
    }
}
