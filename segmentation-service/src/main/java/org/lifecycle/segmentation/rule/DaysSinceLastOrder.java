package org.lifecycle.segmentation.rule;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code {"days_since_last_order": {"gte": 90}}}: whole days since the customer's last order (97 days and 23 hours
 * is 97). A customer who never ordered matches no comparison: "no order for 90 days" is about customers who did
 * order once.
 */
public record DaysSinceLastOrder(Comparison days) implements Rule {

    public DaysSinceLastOrder {
        Objects.requireNonNull(days, "days");
    }

    @Override
    public boolean matches(ProfileFacts facts, Instant now) {
        Instant last = lastOrderAt(facts, now);
        return last != null && days.test(elapsedDays(last, now));
    }

    /**
     * Days since the last order only grow, so the result can flip only where the count of days crosses the threshold:
     * at day {@code ceil(v)} (entering {@code gte}, leaving {@code lt}) or day {@code floor(v) + 1} (entering
     * {@code gt}, leaving {@code lte}); {@code eq} flips at both. An order dated after {@code now} resets the count.
     */
    @Override
    public Instant nextChange(ProfileFacts facts, Instant now) {
        Instant next = null;
        for (OrderFact order : facts.orders()) {
            if (order.at().isAfter(now)) {
                next = Rule.earliest(next, order.at());
            }
        }
        Instant last = lastOrderAt(facts, now);
        if (last == null) {
            return next;
        }
        long elapsed = elapsedDays(last, now);
        boolean current = days.test(elapsed);
        long[] crossings = {
                days.value().setScale(0, RoundingMode.CEILING).longValueExact(),
                days.value().setScale(0, RoundingMode.FLOOR).longValueExact() + 1};
        for (long day : crossings) {
            if (day > elapsed && days.test(day) != current) {
                next = Rule.earliest(next, last.plus(Duration.ofDays(day)));
            }
        }
        return next;
    }

    @Override
    public Explanation explain(ProfileFacts facts, Instant now) {
        Instant last = lastOrderAt(facts, now);
        Long elapsed = last == null ? null : elapsedDays(last, now);
        return Explanation.leaf(describe(), matches(facts, now), "days since last order", elapsed);
    }

    @Override
    public String describe() {
        return days.words() + " " + RuleWords.noun(days.value(), "day", "days") + " since the last order";
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        days.writeTo(node.putObject("days_since_last_order"));
        return node;
    }

    /** The latest order at or before {@code now}; later ones have not happened yet at {@code now}. */
    private static Instant lastOrderAt(ProfileFacts facts, Instant now) {
        Instant last = null;
        for (OrderFact order : facts.orders()) {
            if (!order.at().isAfter(now) && (last == null || order.at().isAfter(last))) {
                last = order.at();
            }
        }
        return last;
    }

    private static long elapsedDays(Instant last, Instant now) {
        return Duration.between(last, now).toDays();
    }
}
