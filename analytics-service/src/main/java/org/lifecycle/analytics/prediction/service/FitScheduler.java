package org.lifecycle.analytics.prediction.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.analytics.prediction.repository.PredictionRepository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Starts fits on its own, every {@code check-interval}: when at least {@code min-new-orders} orders arrived since the
 * last fit and none arrived during the last interval (debounced: a replay or an import is fitted once, at its end), or
 * when {@code refresh-interval} has passed since the last fit and any order arrived. The fit row's unique running
 * index keeps it to one replica at a time.
 */
@ApplicationScoped
public class FitScheduler {

    private final PredictionJob job;
    private final PredictionRepository repository;
    private final PredictionConfig config;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong previousCount = new AtomicLong(-1);
    private long timer = -1;

    public FitScheduler(PredictionJob job, PredictionRepository repository, PredictionConfig config) {
        this.job = job;
        this.repository = repository;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        long interval = config.checkInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        timer = vertx.setPeriodic(interval, id -> {
            if (busy.compareAndSet(false, true)) {
                check().eventually(() -> busy.set(false)).subscribe().with(ignored -> {
                }, failure -> Log.warnf("Prediction check failed: %s", failure.getMessage()));
            }
        });
    }

    void onStop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Uni<Void> check() {
        return repository.failStale(Instant.now(), config.staleAfter()).chain(repository::orderCount).chain(count -> {
            long previous = previousCount.getAndSet(count);
            boolean quiet = previous == count;
            return repository.latest().chain(last -> {
                if (last != null && "running".equals(last.getString("status"))) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Row> fitted = last == null ? Uni.createFrom().nullItem() : repository.latestSucceeded();
                return fitted.chain(succeeded -> {
                    long seen = succeeded == null ? 0 : succeeded.getLong("orders_seen");
                    long fresh = count - seen;
                    if (fresh <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    OffsetDateTime finished = succeeded == null ? null : succeeded.getOffsetDateTime("finished_at");
                    boolean due = finished != null
                            && Duration.between(finished.toInstant(), Instant.now())
                                    .compareTo(config.refreshInterval()) >= 0;
                    boolean enough = fresh >= config.minNewOrders() && quiet;
                    // a failed fit is not retried on every check: only when new orders arrived since it started
                    boolean retryAfterFailure = last == null || "succeeded".equals(last.getString("status"))
                            || count > last.getLong("orders_seen");
                    if ((enough || due) && retryAfterFailure) {
                        return job.start(due && !enough ? "schedule" : "new-orders", config.model()).replaceWithVoid();
                    }
                    return Uni.createFrom().voidItem();
                });
            });
        });
    }
}
