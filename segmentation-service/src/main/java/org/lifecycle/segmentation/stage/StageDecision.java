package org.lifecycle.segmentation.stage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A stage model's answer for one customer at one moment.
 *
 * @param stage the stage key, e.g. {@code at_risk}
 * @param rule the rule that matched, in words a marketer reads in the transition log, e.g.
 *        {@code at_risk: no order for 90 days}
 * @param facts the facts the rule looked at, by name (e.g. {@code days_since_last_order: 97}), for explanations
 * @param nextChange the next moment after {@code now} at which this decision could change with no new event
 *        (e.g. the 90th day after the last order); {@code null} when only an event can change it
 */
public record StageDecision(String stage, String rule, Map<String, Object> facts, Instant nextChange) {

    public StageDecision {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(rule, "rule");
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
