package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How often a customer did each thing, per event name in hourly buckets with the sums of the events' numeric
 * properties: what "at least 2 {@code Order Completed} in 365 days" or "spent over 500 in 30 days" is evaluated on.
 * Hourly buckets keep a year of web traffic small; an event counts in a window "the last N days" until N days after
 * the end of its hour, so windows are exact to the hour (documented in RULES.md).
 *
 * <p>
 * Page and screen calls are kept under {@code Page Viewed} and {@code Screen Viewed}.
 */
public final class ActivityLog {

    public static final Duration BUCKET = Duration.ofHours(1);

    /** Event name to its buckets in time order. */
    private final Map<String, List<Bucket>> buckets;

    public ActivityLog() {
        this(new LinkedHashMap<>());
    }

    @JsonCreator
    public ActivityLog(Map<String, List<Bucket>> buckets) {
        this.buckets = new LinkedHashMap<>();
        if (buckets != null) {
            buckets.forEach((name, list) -> this.buckets.put(name, new ArrayList<>(list)));
        }
    }

    @JsonValue
    Map<String, List<Bucket>> buckets() {
        return buckets;
    }

    /** The event names seen. */
    public Set<String> events() {
        return Collections.unmodifiableSet(buckets.keySet());
    }

    /** The hourly buckets of one event name, oldest first; empty when never seen. */
    public List<Bucket> buckets(String event) {
        return Collections.unmodifiableList(buckets.getOrDefault(event, List.of()));
    }

    /** Records one event at {@code at} with its numeric properties (non-numeric ones are not summed). */
    public void record(String event, Instant at, Map<String, Double> numericProperties) {
        long hour = hourOf(at);
        List<Bucket> list = buckets.computeIfAbsent(event, name -> new ArrayList<>());
        int index = list.size() - 1;
        while (index >= 0 && list.get(index).hour() > hour) {
            index--;
        }
        if (index >= 0 && list.get(index).hour() == hour) {
            list.set(index, list.get(index).plus(numericProperties));
        } else {
            list.add(index + 1, new Bucket(hour, 1, new LinkedHashMap<>(numericProperties)));
        }
    }

    /** Events of this name whose hour started in {@code [from, to]}. */
    public long count(String event, Instant from, Instant to) {
        long total = 0;
        for (Bucket bucket : in(event, from, to)) {
            total += bucket.count();
        }
        return total;
    }

    /** The sum of a numeric property over the events of this name whose hour started in {@code [from, to]}. */
    public double sum(String event, String property, Instant from, Instant to) {
        double total = 0;
        for (Bucket bucket : in(event, from, to)) {
            total += bucket.sums().getOrDefault(property, 0.0);
        }
        return total;
    }

    /**
     * Events of this name that count in the window of {@code window} before {@code now}: those whose hour ended less
     * than {@code window} ago.
     */
    public long countWithin(String event, Duration window, Instant now) {
        return count(event, windowStart(window, now), now);
    }

    /** The sum of a property over the window of {@code window} before {@code now}, as {@link #countWithin}. */
    public double sumWithin(String event, String property, Duration window, Instant now) {
        return sum(event, property, windowStart(window, now), now);
    }

    /**
     * The first moment after {@code now} at which the window of {@code window} loses an event of this name: when
     * the oldest counted hour leaves it. {@code null} when nothing is in the window.
     */
    public Instant nextExpiry(String event, Duration window, Instant now) {
        Instant start = windowStart(window, now);
        for (Bucket bucket : buckets.getOrDefault(event, List.of())) {
            Instant bucketStart = Instant.ofEpochSecond(bucket.hour() * 3600);
            if (!bucketStart.isBefore(start) && !bucketStart.isAfter(now)) {
                return bucketStart.plus(BUCKET).plus(window);
            }
        }
        return null;
    }

    /** The start of the latest hour in which an event of this name happened, or {@code null}. */
    public Instant last(String event) {
        List<Bucket> list = buckets.get(event);
        return list == null || list.isEmpty() ? null : Instant.ofEpochSecond(list.getLast().hour() * 3600);
    }

    /** Forgets hours that ended before {@code horizon}: no rule can look back further than the history kept. */
    public void prune(Instant horizon) {
        long oldest = hourOf(horizon);
        Iterator<Map.Entry<String, List<Bucket>>> it = buckets.entrySet().iterator();
        while (it.hasNext()) {
            List<Bucket> list = it.next().getValue();
            list.removeIf(bucket -> bucket.hour() < oldest);
            if (list.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Adds another customer's activity, when two profiles merge. */
    public void merge(ActivityLog other) {
        other.buckets.forEach((event, list) -> {
            for (Bucket bucket : list) {
                List<Bucket> mine = buckets.computeIfAbsent(event, name -> new ArrayList<>());
                int index = 0;
                while (index < mine.size() && mine.get(index).hour() < bucket.hour()) {
                    index++;
                }
                if (index < mine.size() && mine.get(index).hour() == bucket.hour()) {
                    mine.set(index, mine.get(index).plus(bucket));
                } else {
                    mine.add(index, bucket);
                }
            }
        });
    }

    private List<Bucket> in(String event, Instant from, Instant to) {
        List<Bucket> list = buckets.get(event);
        if (list == null) {
            return List.of();
        }
        // The first hour that started at or after from: rounding down would keep an hour that ended before the
        // window, past the moment nextExpiry announced for it.
        long fromHour = Math.ceilDiv(from.getEpochSecond(), 3600);
        long toHour = hourOf(to);
        List<Bucket> out = new ArrayList<>();
        for (Bucket bucket : list) {
            if (bucket.hour() >= fromHour && bucket.hour() <= toHour) {
                out.add(bucket);
            }
        }
        return out;
    }

    /** The earliest bucket start still in the window: the hour that ended just after {@code now - window}. */
    private static Instant windowStart(Duration window, Instant now) {
        return now.minus(window).minus(BUCKET).plusSeconds(1);
    }

    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600);
    }

    /**
     * One hour of one event name.
     *
     * @param hour hours since the epoch
     * @param count events in the hour
     * @param sums per numeric property, the sum over the hour's events
     */
    public record Bucket(long hour, long count, Map<String, Double> sums) {

        Bucket plus(Map<String, Double> numericProperties) {
            Map<String, Double> merged = new LinkedHashMap<>(sums);
            numericProperties.forEach((key, value) -> merged.merge(key, value, Double::sum));
            return new Bucket(hour, count + 1, merged);
        }

        Bucket plus(Bucket other) {
            Map<String, Double> merged = new LinkedHashMap<>(sums);
            other.sums.forEach((key, value) -> merged.merge(key, value, Double::sum));
            return new Bucket(hour, count + other.count, merged);
        }
    }
}
