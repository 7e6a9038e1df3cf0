package org.lifecycle.analytics.aggregate.metrics;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.analytics.aggregate.repository.AggregateQueries;
import org.lifecycle.analytics.aggregate.service.AggregateConfig;
import org.lifecycle.analytics.aggregate.service.Calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Business gauges beside the service metrics: customers per stage, and orders and revenue of today and of the latest
 * day with orders. Values are read from the database every {@code lifecycle.analytics.gauge-refresh}, so a scrape
 * never waits for the database.
 */
@ApplicationScoped
public class BusinessGauges {

    private final AggregateQueries queries;
    private final Calendar calendar;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> stages = new ConcurrentHashMap<>();
    private final AtomicReference<Double> revenueToday = new AtomicReference<>(0.0);
    private final AtomicLong ordersToday = new AtomicLong();
    private final AtomicReference<Double> revenueLatestDay = new AtomicReference<>(0.0);
    private final AtomicLong latestDayEpoch = new AtomicLong();
    private long timer = -1;

    public BusinessGauges(AggregateQueries queries, Calendar calendar, MeterRegistry registry) {
        this.queries = queries;
        this.calendar = calendar;
        this.registry = registry;
        Gauge.builder("lifecycle_analytics_revenue_today", revenueToday, AtomicReference::get)
                .description("Revenue of today's orders (Order Completed value), in the store's currency")
                .register(registry);
        Gauge.builder("lifecycle_analytics_orders_today", ordersToday, AtomicLong::get)
                .description("Orders completed today").register(registry);
        Gauge.builder("lifecycle_analytics_revenue_latest_day", revenueLatestDay, AtomicReference::get)
                .description("Revenue of the latest day that has orders").register(registry);
        Gauge.builder("lifecycle_analytics_latest_order_day", latestDayEpoch, AtomicLong::get)
                .description("The latest day that has orders, as days since 1970-01-01").register(registry);
    }

    void onStart(@Observes StartupEvent event, Vertx vertx, AggregateConfig config) {
        timer = vertx.setPeriodic(1000, Math.max(100, config.gaugeRefresh().toMillis()),
                id -> refresh().subscribe().with(
                        ignored -> {
                        }, failure -> Log.warnf("Business gauges not refreshed: %s", failure.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event, Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    /** Reads the gauges' values again; never fails. */
    public Uni<Void> refresh() {
        LocalDate today = calendar.today();
        return queries.currentStages()
                .invoke(rows -> rows.forEach(this::setStage))
                .chain(() -> queries.dayRevenue(today))
                .invoke(row -> {
                    ordersToday.set(row.getLong("orders"));
                    revenueToday.set(row.getBigDecimal("revenue").doubleValue());
                })
                .chain(queries::lastOrderDay)
                .chain(day -> day == null
                        ? Uni.createFrom().voidItem()
                        : queries.dayRevenue(day).invoke(row -> {
                            latestDayEpoch.set(day.toEpochDay());
                            revenueLatestDay.set(row.getBigDecimal("revenue").doubleValue());
                        }).replaceWithVoid())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Business gauges not refreshed: %s", failure.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    private void setStage(Row row) {
        String stage = row.getString("stage");
        stages.computeIfAbsent(stage, s -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("lifecycle_analytics_stage_customers", value, AtomicLong::get)
                    .description("Customers currently in each lifecycle stage").tag("stage", s).register(registry);
            return value;
        }).set(row.getLong("customers"));
    }
}
