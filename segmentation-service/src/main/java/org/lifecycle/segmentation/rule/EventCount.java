package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"event": "Order Completed", "count": {"gte": 2}, "within_days": 365}}: how many times the customer did
 * something in a window. Windows are exact to the hour: an event counts until {@code within_days} days after the end
 * of its hour (see {@link org.lifecycle.segmentation.profile.ActivityLog}).
 */
public record EventCount(String event, Comparison count, int withinDays) implements Rule {

    public EventCount {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(count, "count");
        if (withinDays < 1 || withinDays > MAX_WITHIN_DAYS) {
            throw new IllegalArgumentException("within_days must be 1.." + MAX_WITHIN_DAYS + ", was " + withinDays);
        }
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        return count.test(observed(facts, now));
    }

    /** The oldest counted hour leaving the window; early when other events keep the count on the same side. */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        return facts.activity().nextExpiry(event, Duration.ofDays(withinDays), now);
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        long observed = observed(facts, now);
        return Explanation.leaf(describe(), count.test(observed), event + " " + RuleWords.lastDays(withinDays),
                observed);
    }

    @Override
    public String describe() {
        return count.words() + " " + event + " " + RuleWords.lastDays(withinDays);
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("event", event);
        count.writeTo(node.putObject("count"));
        node.put("within_days", withinDays);
        return node;
    }

    @Override
    public int maxWindowDays() {
        return withinDays;
    }

    private long observed(ProfileFacts facts, Instant now) {
        return facts.activity().countWithin(event, Duration.ofDays(withinDays), now);
    }
}
