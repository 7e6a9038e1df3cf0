package org.lifecycle.segmentation.profile.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.segmentation.SegmentationSettings;

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
 * the sweep). Time runs on the injected clock, held back by partitions still applying history (see
 * {@link #horizon()}).
 */
@ApplicationScoped
public class TimeSweeper {

    private final ProfileService service;
    private final Pool pool;
    private final SegmentationSettings settings;
    private final Clock clock;
    private final Counter swept;
    private final AtomicReference<Instant> lastHorizon = new AtomicReference<>();
    private volatile boolean running;
    private volatile Thread thread;

    public TimeSweeper(ProfileService service, Pool pool, SegmentationSettings settings, Clock clock,
            MeterRegistry registry) {
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
        return horizon().chain(horizon -> {
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
     * How far time may run: the clock, except that a partition still applying older events (its latest event time
     * more than the live lag behind the clock, and not idle) holds time back to its event time. Otherwise a
     * customer whose later orders are still queued would be declared at risk in between.
     */
    public Uni<Instant> horizon() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var s = settings.segmentation();
        return pool.query("select event_time, applied_at, now() from stream_watermark").execute().map(rows -> {
            Instant horizon = now;
            for (Row row : rows) {
                Instant eventTime = row.getOffsetDateTime(0).toInstant();
                OffsetDateTime appliedAt = row.getOffsetDateTime(1);
                OffsetDateTime dbNow = row.getOffsetDateTime(2);
                boolean idle = appliedAt.plus(s.idleAfter()).isBefore(dbNow);
                boolean live = !eventTime.isBefore(now.minus(s.liveLag()));
                if (!idle && !live && eventTime.isBefore(horizon)) {
                    horizon = eventTime;
                }
            }
            return horizon;
        });
    }
}
