package org.lifecycle.analytics.prediction.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The fits, the customers' predictions and the outbox. */
@ApplicationScoped
public class PredictionRepository {

    private static final String FIT_COLUMNS = """
            id, status, trigger, model, requested_at, finished_at, progress, phase, window_start, window_end,
            orders_seen, purchase_params, spend_params, purchase_log_likelihood, spend_log_likelihood,
            purchase_converged, spend_converged, customers, repeat_buyers, published, duration_ms, error""";

    private final Pool pool;

    public PredictionRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Starts a fit row; empty when another fit is running (the one-running index refuses a second). */
    public Uni<Long> insertRunning(String trigger, String model, long ordersSeen, Instant now) {
        return pool.preparedQuery("""
                insert into prediction_fit (status, trigger, model, requested_at, heartbeat_at, phase, orders_seen)
                values ('running', $1, $2, $3, $3, 'queued', $4) on conflict do nothing returning id""")
                .execute(Tuple.of(trigger, model, utc(now), ordersSeen))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }

    /** Marks failed a running fit whose heartbeat stopped before {@code now - staleAfter}. */
    public Uni<Void> failStale(Instant now, Duration staleAfter) {
        return pool.preparedQuery("""
                update prediction_fit set status = 'failed', finished_at = $1,
                error = 'the fit stopped reporting progress (its process ended)'
                where status = 'running' and heartbeat_at < $2""")
                .execute(Tuple.of(utc(now), utc(now.minus(staleAfter)))).replaceWithVoid();
    }

    public Uni<Row> running() {
        return one("select " + FIT_COLUMNS + " from prediction_fit where status = 'running'", Tuple.tuple());
    }

    public Uni<Row> fit(long id) {
        return one("select " + FIT_COLUMNS + " from prediction_fit where id = $1", Tuple.of(id));
    }

    public Uni<Row> latestSucceeded() {
        return one("select " + FIT_COLUMNS + " from prediction_fit where status = 'succeeded' order by id desc limit 1",
                Tuple.tuple());
    }

    /** The latest fit that was started, whatever its outcome. */
    public Uni<Row> latest() {
        return one("select " + FIT_COLUMNS + " from prediction_fit order by id desc limit 1", Tuple.tuple());
    }

    /**
     * Progress of a running fit. The fit reports it without waiting for the write, so a report may arrive after a
     * later one or after the fit finished: it never moves a fit backwards nor touches one that is no longer running
     * (a succeeded fit stays at progress 1).
     */
    public Uni<Void> progress(long id, double progress, String phase, Instant now) {
        return pool.preparedQuery("""
                update prediction_fit set progress = $2, phase = $3, heartbeat_at = $4
                where id = $1 and status = 'running' and (progress is null or progress <= $2)""")
                .execute(Tuple.of(id, progress, phase, utc(now))).replaceWithVoid();
    }

    public Uni<Void> fail(long id, String error, Instant now, long durationMs) {
        return pool.preparedQuery("""
                update prediction_fit set status = 'failed', error = $2, finished_at = $3, heartbeat_at = $3,
                duration_ms = $4 where id = $1 and status = 'running'""")
                .execute(Tuple.of(id, error, utc(now), durationMs)).replaceWithVoid();
    }

    public Uni<Long> orderCount() {
        return pool.query("select count(*) as orders from customer_order").execute()
                .map(rows -> rows.iterator().next().getLong("orders"));
    }

    public Uni<LocalDate> latestOrderDay() {
        return pool.query("select max(day) as last from customer_order").execute()
                .map(rows -> rows.iterator().next().getLocalDate("last"));
    }

    /** Orders placed from {@code start} to {@code end}: customer_key, day, revenue. */
    public Uni<RowSet<Row>> orders(LocalDate start, LocalDate end) {
        return pool.preparedQuery("select customer_key, day, revenue from customer_order where day between $1 and $2")
                .execute(Tuple.of(start, end));
    }

    /** The figures last published per customer: alive, purchases, lifetime value (nulls when never published). */
    public Uni<Map<String, double[]>> published(SqlConnection connection) {
        return connection.query("""
                select customer_key, published_alive, published_purchases, published_lifetime_value
                from customer_prediction where published_alive is not null""").execute().map(rows -> {
            Map<String, double[]> out = new HashMap<>();
            for (Row row : rows) {
                Double value = row.getDouble("published_lifetime_value");
                out.put(row.getString("customer_key"), new double[]{row.getDouble("published_alive"),
                        row.getDouble("published_purchases"), value == null ? Double.NaN : value});
            }
            return out;
        });
    }

    /**
     * Upserts predictions: tuples of (customer, fit, frequency, recency, age, mean repeat value, alive, purchases,
     * order value, lifetime value, published?) — published values are set only when the last is true.
     */
    public Uni<Void> upsertPredictions(SqlConnection connection, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                insert into customer_prediction (customer_key, fit_id, frequency, recency, age, mean_repeat_value,
                    probability_alive, expected_purchases, expected_order_value, predicted_lifetime_value,
                    published_alive, published_purchases, published_lifetime_value)
                values ($1, $2, $3, $4, $5, $6, $7::float8, $8::float8, $9::float8, $10::float8,
                    case when $11::boolean then $7::float8 end, case when $11::boolean then $8::float8 end,
                    case when $11::boolean then $10::float8 end)
                on conflict (customer_key) do update set fit_id = excluded.fit_id, frequency = excluded.frequency,
                    recency = excluded.recency, age = excluded.age, mean_repeat_value = excluded.mean_repeat_value,
                    probability_alive = excluded.probability_alive, expected_purchases = excluded.expected_purchases,
                    expected_order_value = excluded.expected_order_value,
                    predicted_lifetime_value = excluded.predicted_lifetime_value,
                    published_alive = case when $11::boolean then excluded.probability_alive
                        else customer_prediction.published_alive end,
                    published_purchases = case when $11::boolean then excluded.expected_purchases
                        else customer_prediction.published_purchases end,
                    published_lifetime_value = case when $11::boolean then excluded.predicted_lifetime_value
                        else customer_prediction.published_lifetime_value end""")
                .executeBatch(tuples).replaceWithVoid();
    }

    /** Customers left out of this fit (their first order left the window) have no current prediction. */
    public Uni<Void> removeOthers(SqlConnection connection, long fitId) {
        return connection.preparedQuery("delete from customer_prediction where fit_id <> $1").execute(Tuple.of(fitId))
                .replaceWithVoid();
    }

    /** Outbox rows: tuples of (topic, key, value). */
    public Uni<Void> addToOutbox(SqlConnection connection, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into outbox (topic, record_key, value) values ($1, $2, $3)")
                .executeBatch(tuples).replaceWithVoid();
    }

    public Uni<Void> succeed(SqlConnection connection, long id, LocalDate start, LocalDate end,
            JsonObject purchaseParameters, JsonObject spendParameters, double purchaseLogLikelihood,
            Double spendLogLikelihood, boolean purchaseConverged, Boolean spendConverged, long customers,
            long repeatBuyers, long published, long durationMs, Instant finishedAt) {
        return connection.preparedQuery("""
                update prediction_fit set status = 'succeeded', progress = 1, phase = 'done', window_start = $2,
                window_end = $3, purchase_params = $4, spend_params = $5, purchase_log_likelihood = $6,
                spend_log_likelihood = $7, purchase_converged = $8, spend_converged = $9, customers = $10,
                repeat_buyers = $11, published = $12, duration_ms = $13, finished_at = $14, heartbeat_at = $14
                where id = $1""")
                .execute(Tuple.tuple().addLong(id).addLocalDate(start).addLocalDate(end)
                        .addJsonObject(purchaseParameters)
                        .addJsonObject(spendParameters).addDouble(purchaseLogLikelihood).addDouble(spendLogLikelihood)
                        .addBoolean(purchaseConverged).addBoolean(spendConverged).addLong(customers)
                        .addLong(repeatBuyers).addLong(published).addLong(durationMs)
                        .addOffsetDateTime(utc(finishedAt)))
                .replaceWithVoid();
    }

    /** A page of the latest fit's predictions, with filters; the sort column is one of a fixed set. */
    public Uni<List<Row>> page(long fitId, String where, List<Object> parameters, String orderBy, int size,
            int offset) {
        Tuple tuple = Tuple.tuple().addLong(fitId);
        parameters.forEach(tuple::addValue);
        int next = parameters.size() + 2;
        return pool.preparedQuery("select * from customer_prediction where fit_id = $1" + where + " order by "
                + orderBy + ", customer_key limit $" + next + " offset $" + (next + 1))
                .execute(tuple.addInteger(size).addInteger(offset)).map(PredictionRepository::list);
    }

    public Uni<Long> count(long fitId, String where, List<Object> parameters) {
        Tuple tuple = Tuple.tuple().addLong(fitId);
        parameters.forEach(tuple::addValue);
        return pool.preparedQuery("select count(*) as n from customer_prediction where fit_id = $1" + where)
                .execute(tuple).map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Row> customer(String customerKey) {
        return one("select * from customer_prediction where customer_key = $1", Tuple.of(customerKey));
    }

    /** P(alive) and lifetime value of every customer of the fit. */
    public Uni<List<Row>> values(long fitId) {
        return pool.preparedQuery("""
                select probability_alive, predicted_lifetime_value from customer_prediction where fit_id = $1""")
                .execute(Tuple.of(fitId)).map(PredictionRepository::list);
    }

    private Uni<Row> one(String sql, Tuple tuple) {
        return pool.preparedQuery(sql).execute(tuple).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
