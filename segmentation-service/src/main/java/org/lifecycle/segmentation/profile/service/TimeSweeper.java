package org.lifecycle.segmentation.profile.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.profile.messaging.EventStreamEnds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Moves time forward on profiles with no new event: every few seconds it claims the profiles whose next
 * time-driven change is due and applies it at its own moment (the 90th day after the last order, not the moment of
 * the sweep). Time runs on the injected clock, held back to event time while partitions of {@code lifecycle.events}
 * still have records to apply (see {@link #horizon()}).
 */
@ApplicationScoped
public class TimeSweeper {

    private final ProfileService service;
    private final Pool pool;
    private final SegmentationSettings settings;
    private final Clock clock;
    private final EventStreamEnds ends;
    private final Counter swept;
    private final AtomicReference<Instant> lastHorizon = new AtomicReference<>();
    private volatile boolean running;
    private volatile Thread thread;

    public TimeSweeper(ProfileService service, Pool pool, SegmentationSettings settings, Clock clock,
            EventStreamEnds ends, MeterRegistry registry) {
        this.ends = ends;
        this.service = service;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.swept = Counter.builder("lifecycle_segmentation_profiles_swept").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("time-sweeper").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                sweep().await().atMost(Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                if (running) {
                    Log.warnf("Time sweep failed, retrying next round: %s", e.getMessage());
                }
            }
            try {
                Thread.sleep(settings.segmentation().sweepInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sweeps until nothing is due by the horizon; returns how many profiles were swept. */
    public Uni<Long> sweep() {
        return horizon(ends.fresh()).chain(horizon -> {
            lastHorizon.set(horizon);
            return sweepUntilDone(horizon, 0L);
        });
    }

    private Uni<Long> sweepUntilDone(Instant horizon, long total) {
        int batch = settings.segmentation().sweepBatch();
        return service.sweep(horizon, batch).chain(count -> {
            swept.increment(count);
            return count < batch ? Uni.createFrom().item(total + count) : sweepUntilDone(horizon, total + count);
        });
    }

    /** The latest horizon swept to, for operators. */
    public Instant lastHorizon() {
        return lastHorizon.get();
    }

    /**
     * How far time may run: the clock where every partition of {@code lifecycle.events} is applied to its end, else
     * the earliest, over the partitions with records still to apply, of the event time of the last event applied there
     * (in offset order). A customer whose later orders are still queued behind a replay or a lagging consumer is
     * therefore never declared at risk in between, and a replay gives the ledger live traffic would have given. A
     * lagging partition with no event applied yet holds time at the earliest event time applied anywhere; when the
     * broker cannot be asked where partitions end, every partition counts as lagging.
     */
    public Uni<Instant> horizon() {
        return horizon(ends.recent());
    }

    private Uni<Instant> horizon(Uni<EventStreamEnds.Ends> current) {
        return current.chain(known -> pool.query("select partition, event_time, next_offset from stream_watermark")
                .execute().map(rows -> {
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    Map<Integer, Applied> applied = new HashMap<>();
                    Instant earliest = null;
                    for (Row row : rows) {
                        OffsetDateTime time = row.getOffsetDateTime(1);
                        Instant eventTime = time == null ? null : time.toInstant();
                        applied.put(row.getInteger(0), new Applied(eventTime, row.getLong(2)));
                        if (eventTime != null && (earliest == null || eventTime.isBefore(earliest))) {
                            earliest = eventTime;
                        }
                    }
                    return horizon(now, known, applied, earliest);
                }));
    }

    private record Applied(Instant eventTime, long nextOffset) {
    }

    private static Instant horizon(Instant now, EventStreamEnds.Ends known, Map<Integer, Applied> applied,
            Instant earliest) {
        Instant horizon = now;
        if (known == null) {
            return earliest != null && earliest.isBefore(now) ? earliest : now;
        }
        for (Map.Entry<Integer, Long> end : known.end().entrySet()) {
            Applied row = applied.get(end.getKey());
            long done = Math.max(row == null ? 0 : row.nextOffset(), known.floor().getOrDefault(end.getKey(), 0L));
            if (done >= end.getValue()) {
                continue;
            }
            Instant held = row != null && row.eventTime() != null ? row.eventTime() : earliest;
            if (held != null && held.isBefore(horizon)) {
                horizon = held;
            }
        }
        return horizon;
    }
}
