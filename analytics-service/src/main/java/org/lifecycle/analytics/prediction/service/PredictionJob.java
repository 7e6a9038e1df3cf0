package org.lifecycle.analytics.prediction.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.analytics.clv.CalibrationWindow;
import org.lifecycle.analytics.clv.CustomerPrediction;
import org.lifecycle.analytics.clv.CustomerSummary;
import org.lifecycle.analytics.clv.CustomerValueModel;
import org.lifecycle.analytics.clv.LifetimeValue;
import org.lifecycle.analytics.clv.Transaction;
import org.lifecycle.analytics.prediction.repository.PredictionRepository;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.prediction.PredictionType;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Fits the customer value models on the store's orders and publishes each customer's prediction that changed
 * meaningfully. One fit runs at a time across every replica: starting one inserts a running fit row, which a partial
 * unique index allows only once. The fit itself runs on a worker thread; its progress and a heartbeat go to the row,
 * which is the job status. Predictions, outbox records and the fit's outcome commit in one transaction.
 */
@ApplicationScoped
public class PredictionJob {

    private final PredictionRepository repository;
    private final PredictionConfig config;
    private final String topic;
    private final Clock clock = Clock.systemUTC();

    public PredictionJob(PredictionRepository repository, PredictionConfig config,
            @ConfigProperty(name = "lifecycle.topic-prefix") Optional<String> prefix) {
        this.repository = repository;
        this.config = config;
        // An empty setting reads as absent: no prefix.
        this.topic = Topics.prefixed(prefix.orElse(""), Topics.PREDICTIONS);
    }

    /** The model name written in records: purchase model, then spend model. */
    public static String modelName(CustomerValueModel.Kind kind) {
        return (kind == CustomerValueModel.Kind.BG_NBD ? "bg-nbd" : "pareto-nbd") + "+gamma-gamma";
    }

    /**
     * Starts a fit unless one is running; the fit goes on in the background.
     *
     * @return the started fit's version, or the running one's; {@code started} false in the latter case
     */
    public Uni<Started> start(String trigger, CustomerValueModel.Kind kind) {
        Instant now = clock.instant();
        return repository.failStale(now, config.staleAfter())
                .chain(repository::orderCount)
                .chain(orders -> repository.insertRunning(trigger, modelName(kind), orders, now))
                .chain(id -> {
                    if (id == null) {
                        // the running fit may have ended in between: then this request starts the next one
                        return repository.running().chain(row -> row == null
                                ? start(trigger, kind)
                                : Uni.createFrom().item(new Started(row.getLong("id"), false)));
                    }
                    run(id, kind).subscribe().with(ignored -> {
                    }, failure -> Log.errorf(failure, "Prediction fit %d failed", id));
                    return Uni.createFrom().item(new Started(id, true));
                });
    }

    /** A fit's version, and whether this call started it. */
    public record Started(long version, boolean started) {
    }

    private Uni<Void> run(long id, CustomerValueModel.Kind kind) {
        long began = System.nanoTime();
        return repository.progress(id, 0.02, "loading orders", clock.instant())
                .chain(repository::latestOrderDay)
                .chain(end -> {
                    if (end == null) {
                        return Uni.createFrom().failure(new IllegalStateException("the store has no orders yet"));
                    }
                    LocalDate start = end.minusDays(config.calibrationDays() - 1L);
                    CalibrationWindow window = new CalibrationWindow(start, end, config.daysPerUnit());
                    return repository.orders(start, end).map(rows -> {
                        List<Transaction> orders = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            orders.add(new Transaction(row.getString("customer_key"), row.getLocalDate("day"),
                                    row.getBigDecimal("revenue").doubleValue()));
                        }
                        return orders;
                    }).emitOn(Infrastructure.getDefaultWorkerPool())
                            .map(orders -> ModelRun.run(orders, window, kind, config.horizonDays(),
                                    LifetimeValue.monthly(config.lifetimeMonths(), config.discountRate(),
                                            config.daysPerUnit()),
                                    (fraction, phase) -> repository.progress(id, fraction, phase, clock.instant())
                                            .subscribe().with(ignored -> {
                                            }, failure -> Log.warnf("Fit %d progress not saved: %s", id,
                                                    failure.getMessage()))))
                            .chain(result -> store(id, kind, window, result, began));
                })
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Prediction fit %d failed: %s", id, failure.getMessage());
                    return repository.fail(id, String.valueOf(failure.getMessage()), clock.instant(),
                            elapsedMs(began));
                });
    }

    private Uni<Void> store(long id, CustomerValueModel.Kind kind, CalibrationWindow window, ModelRun.Result result,
            long began) {
        if (!result.purchases().converged()) {
            return repository.fail(id, "the order history does not determine the " + kind + " model: it did not"
                    + " converge (log-likelihood " + result.purchases().logLikelihood() + ")", clock.instant(),
                    elapsedMs(began));
        }
        Instant fittedAt = clock.instant();
        return repository.progress(id, 0.85, "storing " + result.predictions().size() + " predictions", fittedAt)
                .chain(() -> repository.pool().withTransaction(connection -> repository.published(connection)
                        .chain(published -> {
                            List<Tuple> rows = new ArrayList<>();
                            List<Tuple> outbox = new ArrayList<>();
                            List<CustomerSummary> customers = result.customers();
                            for (int i = 0; i < customers.size(); i++) {
                                CustomerSummary c = customers.get(i);
                                CustomerPrediction p = result.predictions().get(i);
                                if (!Double.isFinite(p.probabilityAlive()) || !Double.isFinite(p.expectedPurchases())) {
                                    Log.warnf("Fit %d: no finite prediction for a customer with x=%d", id,
                                            c.frequency());
                                    continue;
                                }
                                Double orderValue = finite(p.expectedOrderValue());
                                Double lifetime = finite(p.lifetimeValue());
                                boolean publish = changed(published.get(c.customerId()), p.probabilityAlive(),
                                        p.expectedPurchases(), lifetime);
                                rows.add(Tuple.tuple().addString(c.customerId()).addLong(id)
                                        .addInteger(c.frequency()).addDouble(c.recency()).addDouble(c.age())
                                        .addDouble(c.meanRepeatValue()).addDouble(p.probabilityAlive())
                                        .addDouble(p.expectedPurchases()).addDouble(orderValue).addDouble(lifetime)
                                        .addBoolean(publish));
                                if (publish) {
                                    outbox.add(Tuple.of(topic, c.customerId(), record(id, kind, c.customerId(), p,
                                            orderValue, lifetime, fittedAt)));
                                }
                            }
                            return repository.upsertPredictions(connection, rows)
                                    .chain(() -> repository.removeOthers(connection, id))
                                    .chain(() -> repository.addToOutbox(connection, outbox))
                                    .chain(() -> repository.succeed(connection, id, window.start(), window.end(),
                                            JsonObject.mapFrom(result.purchases().model()),
                                            result.spend() == null ? null : JsonObject.mapFrom(result.spend().model()),
                                            result.purchases().logLikelihood(),
                                            result.spend() == null ? null : result.spend().logLikelihood(),
                                            true, result.spend() == null ? null : result.spendUsable(),
                                            customers.size(), result.repeatBuyers(), outbox.size(), elapsedMs(began),
                                            clock.instant()))
                                    .invoke(() -> Log.infof("Prediction fit %d: %d customers, %d published, %d ms%s",
                                            id, customers.size(), outbox.size(), elapsedMs(began),
                                            result.spendFailure() == null
                                                    ? ""
                                                    : "; no order values: " + result.spendFailure()));
                        })));
    }

    /** Published again only when a figure moved by more than the configured thresholds, to avoid flooding. */
    boolean changed(double[] last, double alive, double purchases, Double lifetime) {
        if (last == null) {
            return true;
        }
        if (Math.abs(alive - last[0]) >= config.minAliveChange() && alive != last[0]) {
            return true;
        }
        if (relative(purchases, last[1]) >= config.minRelativeChange() && purchases != last[1]) {
            return true;
        }
        double lastLifetime = last[2];
        if (lifetime == null || Double.isNaN(lastLifetime)) {
            return (lifetime == null) != Double.isNaN(lastLifetime);
        }
        return relative(lifetime, lastLifetime) >= config.minRelativeChange() && lifetime != lastLifetime;
    }

    private static double relative(double value, double last) {
        return Math.abs(value - last) / Math.max(Math.abs(last), 1e-9);
    }

    private String record(long id, CustomerValueModel.Kind kind, String customer, CustomerPrediction p,
            Double orderValue, Double lifetime, Instant fittedAt) {
        var record = new org.lifecycle.contracts.prediction.CustomerPrediction(UUID.randomUUID().toString(),
                PredictionType.PREDICTION_UPDATED, org.lifecycle.contracts.prediction.CustomerPrediction.VERSION,
                fittedAt, clock.instant(), customer,
                modelName(kind), id, p.probabilityAlive(), p.expectedPurchases(), config.horizonDays(), orderValue,
                lifetime, config.lifetimeMonths(), config.discountRate(), fittedAt);
        return new String(LifecycleJson.encode(record), StandardCharsets.UTF_8);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static long elapsedMs(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }
}
