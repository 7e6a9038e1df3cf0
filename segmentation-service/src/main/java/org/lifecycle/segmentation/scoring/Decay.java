package org.lifecycle.segmentation.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the points an event gave fade with time, counted from the end of the hour the event happened in (activity is
 * kept per hour, as for event windows): they halve every {@code halfLifeDays} (a step, not a slope: full points for
 * the first {@code halfLifeDays}, half for the next, and so on), and they stop counting {@code expireAfterDays} after
 * it. Either may be absent; with neither, points count as long as the activity is kept.
 *
 * @param halfLifeDays days after which the points halve, again and again; {@code null} for no halving
 * @param expireAfterDays days after which the points no longer count; {@code null} for as long as activity is kept
 */
public record Decay(Integer halfLifeDays, Integer expireAfterDays) {

    /** Points that never fade (until the activity that gave them is no longer kept). */
    public static final Decay NONE = new Decay(null, null);

    public boolean none() {
        return halfLifeDays == null && expireAfterDays == null;
    }

    /**
     * How many times the points of an event counted from {@code end} (the end of its hour) have halved at
     * {@code now}: 0 before the first half-life has passed.
     */
    public int halvings(Instant end, Instant now) {
        if (halfLifeDays == null || !now.isAfter(end)) {
            return 0;
        }
        long seconds = Duration.between(end, now).getSeconds();
        return (int) Math.min(Integer.MAX_VALUE, seconds / Duration.ofDays(halfLifeDays).getSeconds());
    }

    /** The moment the points of an event counted from {@code end} stop counting, at most {@code keptDays} after it. */
    public Instant expiry(Instant end, int keptDays) {
        int days = expireAfterDays == null ? keptDays : Math.min(expireAfterDays, keptDays);
        return end.plus(Duration.ofDays(days));
    }

    /** The first moment after {@code now} at which the points of an event counted from {@code end} halve again. */
    public Instant nextHalving(Instant end, Instant now) {
        if (halfLifeDays == null) {
            return null;
        }
        return end.plus(Duration.ofDays((long) halfLifeDays * (halvings(end, now) + 1)));
    }

    /** In words: {@code points halve every 30 days and expire after 90 days}. */
    public String words() {
        List<String> parts = new ArrayList<>();
        if (halfLifeDays != null) {
            parts.add("halve every " + days(halfLifeDays));
        }
        if (expireAfterDays != null) {
            parts.add("expire after " + days(expireAfterDays));
        }
        return parts.isEmpty() ? "points do not decay" : "points " + String.join(" and ", parts);
    }

    /** As JSON: {@code {"half_life_days": 30, "expire_after_days": 90}}, or {@code "none"}. */
    public JsonNode toJson() {
        if (none()) {
            return LifecycleJson.mapper().getNodeFactory().textNode("none");
        }
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        if (halfLifeDays != null) {
            node.put("half_life_days", halfLifeDays);
        }
        if (expireAfterDays != null) {
            node.put("expire_after_days", expireAfterDays);
        }
        return node;
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
