package org.lifecycle.campaign.runtime.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.runtime.repository.Db.Tx;

/**
 * Counters per journey version and step ({@code ""} for the journey as a whole): how many entered, left, were sent,
 * held out, converted. They hold no customer data, so they outlive erasure.
 */
@ApplicationScoped
public class JourneyCounters {

    /** Increments gathered in one transaction, written at its end in key order (no deadlocks between writers). */
    public static final class Tally {

        private final Map<String, Long> counts = new TreeMap<>();

        public void add(String journeyKey, int version, String stepId, String metric) {
            counts.merge(journeyKey + "\n" + version + "\n" + stepId + "\n" + metric, 1L, Long::sum);
        }
    }

    public void flush(Tx tx, Tally tally) {
        for (Map.Entry<String, Long> entry : tally.counts.entrySet()) {
            String[] parts = entry.getKey().split("\n", -1);
            tx.query("""
                    insert into journey_counter (journey_key, journey_version, step_id, metric, n)
                    values ($1, $2, $3, $4, $5)
                    on conflict (journey_key, journey_version, step_id, metric)
                    do update set n = journey_counter.n + excluded.n""", parts[0], Integer.parseInt(parts[1]),
                    parts[2], parts[3], entry.getValue());
        }
        tally.counts.clear();
    }

    /** A counter row. */
    public record Count(int version, String stepId, String metric, long n) {
    }

    public List<Count> of(Tx tx, String journeyKey) {
        List<Count> out = new ArrayList<>();
        tx.query("select journey_version, step_id, metric, n from journey_counter where journey_key = $1 "
                + "order by journey_version, step_id, metric", journeyKey)
                .forEach(row -> out.add(new Count(row.getInteger(0), row.getString(1), row.getString(2),
                        row.getLong(3))));
        return out;
    }
}
