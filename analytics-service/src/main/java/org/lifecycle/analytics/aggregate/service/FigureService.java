package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.repository.AggregateQueries;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Reads the daily, lifecycle and cohort figures out of the aggregate tables and derives their ratios. */
@ApplicationScoped
public class FigureService {

    private final AggregateQueries queries;
    private final AggregateConfig config;

    public FigureService(AggregateQueries queries, AggregateConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Uni<List<DailyFigures>> daily(Filter filter) {
        Filter unfiltered = new Filter(filter.from(), filter.to(), null, null);
        return Uni.combine().all()
                .unis(queries.dailyOrders(filter), queries.dailyVisitors(filter), queries.dailyRefunds(filter),
                        stageHistory(filter.from().minusDays(1), filter.to()), queries.flows(unfiltered))
                .with((orders, visitors, refunds, history, flows) -> {
                    Map<LocalDate, Row> ordersByDay = byDay(orders);
                    Map<LocalDate, Row> visitorsByDay = byDay(visitors);
                    Map<LocalDate, Row> refundsByDay = byDay(refunds);
                    Map<LocalDate, Long> churnedByDay = churned(flows);
                    boolean filtered = filter.stage() != null || filter.segment() != null;
                    List<DailyFigures> days = new ArrayList<>();
                    for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
                        Row o = ordersByDay.get(day);
                        Row v = visitorsByDay.get(day);
                        Row r = refundsByDay.get(day);
                        long visitorCount = v == null ? 0 : v.getLong("visitors");
                        long converted = v == null ? 0 : v.getLong("converted");
                        OrderFigures f = OrderFigures.of(o);
                        long churned = churnedByDay.getOrDefault(day, 0L);
                        long alive = alive(history.get(day.minusDays(1)));
                        days.add(new DailyFigures(day, visitorCount, converted, f.buyers,
                                Figures.rate(converted, visitorCount),
                                f.orders, f.revenue, Figures.money(f.revenue, f.orders),
                                Figures.money(f.revenue, f.buyers), f.costedOrders,
                                f.costedOrders == 0 ? null : Figures.money(f.margin, f.costedBuyers),
                                f.returningBuyers, Figures.rate(f.returningBuyers, f.buyers), f.meanGap, f.medianGap,
                                filtered ? null : (r == null ? 0L : r.getLong("refunds")),
                                filtered ? null : (r == null ? BigDecimal.ZERO : r.getBigDecimal("amount")),
                                churned, alive, Figures.rate(churned, alive)));
                    }
                    return days;
                });
    }

    public Uni<RangeFigures> range(Filter filter) {
        Filter unfiltered = new Filter(filter.from(), filter.to(), null, null);
        return Uni.combine().all()
                .unis(queries.rangeOrders(filter), queries.rangeVisitors(filter), queries.dailyRefunds(filter),
                        stageHistory(filter.from().minusDays(1), filter.from().minusDays(1)),
                        queries.flows(unfiltered))
                .with((o, visitors, refunds, history, flows) -> {
                    OrderFigures f = OrderFigures.of(o);
                    long repeat = o.getLong("repeat_customers");
                    boolean filtered = filter.stage() != null || filter.segment() != null;
                    long refundCount = refunds.stream().mapToLong(r -> r.getLong("refunds")).sum();
                    BigDecimal refunded = refunds.stream().map(r -> r.getBigDecimal("amount"))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    long churned = churned(flows).values().stream().mapToLong(Long::longValue).sum();
                    long alive = alive(history.get(filter.from().minusDays(1)));
                    long visitorCount = visitors.getLong("visitors");
                    long converted = visitors.getLong("converted");
                    return new RangeFigures(filter.from(), filter.to(), visitorCount, converted, f.buyers,
                            Figures.rate(converted, visitorCount), f.orders, f.revenue,
                            Figures.money(f.revenue, f.orders),
                            Figures.money(f.revenue, f.buyers), f.costedOrders,
                            f.costedOrders == 0 ? null : Figures.money(f.margin, f.costedBuyers), repeat,
                            Figures.rate(repeat, f.buyers), f.meanGap, f.medianGap,
                            filtered ? null : refundCount, filtered ? null : refunded, churned, alive,
                            Figures.rate(churned, alive));
                });
    }

    public Uni<List<StageCount>> stages(Filter filter) {
        return queries.stageDeltas(filter.to()).map(deltas -> {
            Map<LocalDate, Map<String, Long>> history = history(deltas, filter.from(), filter.to());
            List<String> stages = StageOrder.order(firstEntered(deltas));
            List<StageCount> rows = new ArrayList<>();
            for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
                Map<String, Long> counts = history.get(day);
                for (String stage : stages) {
                    if (filter.stage() == null || filter.stage().equals(stage)) {
                        rows.add(new StageCount(day, stage, counts.getOrDefault(stage, 0L)));
                    }
                }
            }
            return rows;
        });
    }

    /** The stages entered on or before the filter's last day, in drawing order ({@link StageOrder}). */
    public Uni<List<LifecycleStage>> lifecycleStages(Filter filter) {
        return queries.stageDeltas(filter.to()).map(deltas -> {
            Map<String, LocalDate> first = firstEntered(deltas);
            List<String> stages = StageOrder.order(first);
            List<LifecycleStage> list = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                String stage = stages.get(i);
                list.add(new LifecycleStage(stage, StageOrder.label(stage), i, first.get(stage)));
            }
            return list;
        });
    }

    public Uni<List<StageFlow>> flows(Filter filter, boolean byDay) {
        return Uni.combine().all().unis(queries.flows(filter), queries.stageDeltas(filter.to()))
                .with((rows, deltas) -> {
                    if (byDay) {
                        return rows.stream().map(r -> new StageFlow(r.getLocalDate("day"), emptyAsNull(r.getString(
                                "from_stage")), r.getString("to_stage"), r.getLong("transitions"),
                                r.getLong("reactivations")))
                                .toList();
                    }
                    // From the first stage to the last, a customer's first stage ("" as from) before any other.
                    Comparator<String> order = StageOrder.comparator(firstEntered(deltas));
                    Comparator<String> from = (a, b) -> a.isEmpty() || b.isEmpty()
                            ? Boolean.compare(!a.isEmpty(),
                                    !b.isEmpty())
                            : order.compare(a, b);
                    Map<List<String>, long[]> totals = new TreeMap<>((a, b) -> {
                        int c = from.compare(a.get(0), b.get(0));
                        return c != 0 ? c : order.compare(a.get(1), b.get(1));
                    });
                    for (Row r : rows) {
                        long[] sums = totals.computeIfAbsent(
                                List.of(r.getString("from_stage"), r.getString("to_stage")),
                                k -> new long[2]);
                        sums[0] += r.getLong("transitions");
                        sums[1] += r.getLong("reactivations");
                    }
                    List<StageFlow> flows = new ArrayList<>();
                    totals.forEach(
                            (key, sums) -> flows.add(new StageFlow(null, emptyAsNull(key.get(0)), key.get(1), sums[0],
                                    sums[1])));
                    return flows;
                });
    }

    public Uni<List<Reactivations>> reactivations(Filter filter) {
        return queries.flows(filter).map(rows -> {
            Map<LocalDate, Long> byDay = new HashMap<>();
            rows.forEach(r -> byDay.merge(r.getLocalDate("day"), r.getLong("reactivations"), Long::sum));
            List<Reactivations> days = new ArrayList<>();
            for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
                days.add(new Reactivations(day, byDay.getOrDefault(day, 0L)));
            }
            return days;
        });
    }

    public Uni<List<CohortCell>> cohorts(Filter filter) {
        return Uni.combine().all().unis(queries.cohorts(filter), queries.lastOrderMonth()).with((rows, last) -> {
            Map<LocalDate, Map<Integer, Row>> cells = new TreeMap<>();
            Map<LocalDate, Long> sizes = new HashMap<>();
            for (Row r : rows) {
                LocalDate cohort = r.getLocalDate("cohort");
                cells.computeIfAbsent(cohort, c -> new HashMap<>()).put(r.getInteger("months_since"), r);
                sizes.put(cohort, r.getLong("size"));
            }
            List<CohortCell> matrix = new ArrayList<>();
            cells.forEach((cohort, byMonth) -> {
                long size = sizes.get(cohort);
                LocalDate until = last == null || last.isAfter(filter.to()) ? filter.to().withDayOfMonth(1) : last;
                int months = (int) ChronoUnit.MONTHS.between(cohort, until);
                BigDecimal cumulative = BigDecimal.ZERO;
                for (int k = 0; k <= months; k++) {
                    Row r = byMonth.get(k);
                    long customers = r == null ? 0 : r.getLong("customers");
                    long orders = r == null ? 0 : r.getLong("orders");
                    BigDecimal revenue = r == null ? BigDecimal.ZERO : r.getBigDecimal("revenue");
                    cumulative = cumulative.add(revenue);
                    matrix.add(new CohortCell(YearMonth.from(cohort).toString(), k, size, customers,
                            (double) customers / size, orders, revenue, cumulative, Figures.money(cumulative, size)));
                }
            });
            return matrix;
        });
    }

    /** Customers per stage at the end of each day from {@code first} to {@code last}. */
    private Uni<Map<LocalDate, Map<String, Long>>> stageHistory(LocalDate first, LocalDate last) {
        return queries.stageDeltas(last).map(rows -> history(rows, first, last));
    }

    /** The running sums of the stage deltas (up to {@code last}) at the end of each day of the range. */
    private static Map<LocalDate, Map<String, Long>> history(List<Row> rows, LocalDate first, LocalDate last) {
        TreeMap<LocalDate, Map<String, Long>> deltas = new TreeMap<>();
        for (Row r : rows) {
            deltas.computeIfAbsent(r.getLocalDate("day"), d -> new HashMap<>())
                    .merge(r.getString("stage"), r.getLong("delta"), Long::sum);
        }
        Map<String, Long> running = new HashMap<>();
        deltas.headMap(first, false).values().forEach(day -> day.forEach((s, d) -> running.merge(s, d, Long::sum)));
        Map<LocalDate, Map<String, Long>> history = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Map<String, Long> changes = deltas.get(day);
            if (changes != null) {
                changes.forEach((s, d) -> running.merge(s, d, Long::sum));
            }
            history.put(day, new HashMap<>(running));
        }
        return history;
    }

    /** Each stage of the deltas (ordered by day) with the first day it was entered. */
    private static Map<String, LocalDate> firstEntered(List<Row> deltas) {
        Map<String, LocalDate> first = new LinkedHashMap<>();
        for (Row r : deltas) {
            first.putIfAbsent(r.getString("stage"), r.getLocalDate("day"));
        }
        return first;
    }

    private Map<LocalDate, Long> churned(List<Row> flows) {
        String churnedStage = config.churnedStage();
        Map<LocalDate, Long> churned = new HashMap<>();
        for (Row r : flows) {
            if (churnedStage.equals(r.getString("to_stage")) && !churnedStage.equals(r.getString("from_stage"))) {
                churned.merge(r.getLocalDate("day"), r.getLong("transitions"), Long::sum);
            }
        }
        return churned;
    }

    private long alive(Map<String, Long> counts) {
        if (counts == null) {
            return 0;
        }
        return counts.entrySet().stream()
                .filter(e -> !e.getKey().equals(config.churnedStage())
                        && !config.nonCustomerStages().contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<LocalDate, Row> byDay(List<Row> rows) {
        Map<LocalDate, Row> byDay = new HashMap<>();
        rows.forEach(r -> byDay.put(r.getLocalDate("day"), r));
        return byDay;
    }

    private static String emptyAsNull(String stage) {
        return stage == null || stage.isEmpty() ? null : stage;
    }

    /** The order columns shared by the daily and range queries. */
    private record OrderFigures(long orders, long buyers, BigDecimal revenue, long costedOrders, long costedBuyers,
            BigDecimal margin, long returningBuyers, Double meanGap, Double medianGap) {

        static OrderFigures of(Row row) {
            if (row == null) {
                return new OrderFigures(0, 0, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, 0, null, null);
            }
            return new OrderFigures(row.getLong("orders"), row.getLong("buyers"),
                    Figures.orZero(row.getBigDecimal("revenue")), row.getLong("costed_orders"),
                    row.getLong("costed_buyers"), Figures.orZero(row.getBigDecimal("margin")),
                    row.getLong("returning_buyers"), number(row, "mean_gap"), number(row, "median_gap"));
        }

        private static Double number(Row row, String column) {
            Object value = row.getValue(column);
            return value == null ? null : ((Number) value).doubleValue();
        }
    }
}
