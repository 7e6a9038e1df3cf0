package org.lifecycle.analytics.aggregate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lifecycle.analytics.support.OnlineRetail;
import org.lifecycle.analytics.support.PredictionInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.StageTransition.Cause;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;

/**
 * Benchmark, not run by default: replays the Online Retail invoices onto the events topic and prints how fast the
 * service applies them (events per second, cross-sell pair counts included), then the stage transitions a default
 * stage model gives those orders, then how long the cohort matrix and the lifecycle map (stages + flows) take to
 * answer over the replay's year. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -pl analytics-service -am verify -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DskipITs -Danalytics.bench=true [-Danalytics.bench.invoices=3000]
 * </pre>
 *
 * {@code analytics.bench.invoices} replays only the first invoices of the file (all 25,900 by default). Needs the
 * data file (see {@link OnlineRetail#dataFile()}); skipped otherwise.
 */
@QuarkusTest
@QuarkusTestResource(value = PredictionInfrastructure.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "analytics.bench", matches = "true")
class AnalyticsBenchmark {

    private static final int WARMUP = 2;
    private static final int RUNS = 7;

    @Test
    void onlineRetailReplayAndQueryTimes() throws IOException {
        Optional<Path> file = OnlineRetail.dataFile();
        Assumptions.assumeTrue(file.isPresent(), "Online Retail data not found; benchmark skipped");
        List<String[]> lines = OnlineRetail.read(file.get());
        int invoices = Integer.getInteger("analytics.bench.invoices", Integer.MAX_VALUE);
        List<CustomerEvent> events = firstInvoices(OnlineRetail.replayEvents(lines), invoices);
        long orders = events.stream().filter(e -> CommerceEvents.ORDER_COMPLETED.equals(e.event())).count();
        List<StageTransition> transitions = transitions(events);
        System.out.printf(Locale.ROOT, "%nAnalytics benchmark: %,d events (%,d orders), %,d stage transitions;"
                + " %d processors%n", events.size(), orders, transitions.size(),
                Runtime.getRuntime().availableProcessors());

        measureApply("events", Topics.EVENTS, events);
        measureApply("transitions", Topics.TRANSITIONS, transitions);

        time("cohorts 2010-12..2011-12", "/api/analytics/cohorts?from=2010-12&to=2011-12");
        time("map: stages 2011", "/api/analytics/stages?from=2011-01-01&to=2011-12-09");
        time("map: flows 2011", "/api/analytics/flows?from=2011-01-01&to=2011-12-09");
        time("summary 2011", "/api/analytics/summary?from=2011-01-01&to=2011-12-09");
        time("daily 2011", "/api/analytics/daily?from=2011-01-01&to=2011-12-09");
    }

    private static void measureApply(String what, String topic,
            List<? extends org.lifecycle.contracts.Envelope> records) {
        long cpu = processCpu();
        long started = System.nanoTime();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(topic, records);
        }
        TopicWriter.awaitApplied(Duration.ofMinutes(30), topic);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpu() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "apply %-12s %,8d records in %7.1f s: %,8.0f records/s (JVM CPU %.1f s)%n",
                what, records.size(), seconds, records.size() / seconds, cpuSeconds);
    }

    private static void time(String what, String path) {
        for (int i = 0; i < WARMUP; i++) {
            given().when().get(path).then().statusCode(200);
        }
        double[] ms = new double[RUNS];
        int bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            bytes = given().when().get(path).then().statusCode(200).extract().asByteArray().length;
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "query %-26s median %7.1f ms, min %7.1f ms, max %7.1f ms (%,d bytes)%n", what,
                ms[RUNS / 2], ms[0], ms[RUNS - 1], bytes);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The events of the first {@code invoices} orders and refunds (with the identifies before them). */
    private static List<CustomerEvent> firstInvoices(List<CustomerEvent> events, int invoices) {
        List<CustomerEvent> out = new ArrayList<>();
        int seen = 0;
        for (CustomerEvent event : events) {
            if (event.event() != null && ++seen > invoices) {
                break;
            }
            out.add(event);
        }
        return out;
    }

    /**
     * Transitions of the default stage model over the orders, as segmentation would publish them: the first order
     * makes a new customer; a second order within 365 days an active one; 90 days without an order at risk, 365
     * lapsed; an order from at risk or lapsed reactivates to active. Time thresholds pass up to the last order.
     */
    static List<StageTransition> transitions(List<CustomerEvent> events) {
        Map<String, List<Instant>> ordersOf = new HashMap<>();
        Instant end = Instant.EPOCH;
        for (CustomerEvent event : events) {
            if (CommerceEvents.ORDER_COMPLETED.equals(event.event())) {
                ordersOf.computeIfAbsent(event.identityKey(), k -> new ArrayList<>()).add(event.occurredAt());
                end = event.occurredAt().isAfter(end) ? event.occurredAt() : end;
            }
        }
        TreeMap<Instant, List<StageTransition>> byTime = new TreeMap<>();
        for (Map.Entry<String, List<Instant>> customer : ordersOf.entrySet()) {
            List<Instant> times = customer.getValue();
            times.sort(null);
            String stage = null;
            Instant last = null;
            for (int i = 0; i <= times.size(); i++) {
                Instant next = i < times.size() ? times.get(i) : end;
                if (last != null) {
                    for (Object[] threshold : new Object[][]{{90, "at_risk"}, {365, "lapsed"}}) {
                        Instant due = last.plus(Duration.ofDays((Integer) threshold[0]));
                        if (due.isBefore(next) || (i == times.size() && !due.isAfter(end))) {
                            stage = add(byTime, customer.getKey(), stage, (String) threshold[1], due, false);
                        }
                    }
                }
                if (i == times.size()) {
                    break;
                }
                if (stage == null) {
                    stage = add(byTime, customer.getKey(), null, "new_customer", next, false);
                } else if (Set.of("at_risk", "lapsed").contains(stage)) {
                    stage = add(byTime, customer.getKey(), stage, "active", next, true);
                } else if (stage.equals("new_customer")) {
                    stage = add(byTime, customer.getKey(), stage, "active", next, false);
                }
                last = next;
            }
        }
        List<StageTransition> out = new ArrayList<>();
        byTime.values().forEach(out::addAll);
        return out;
    }

    private static String add(TreeMap<Instant, List<StageTransition>> byTime, String customer, String from,
            String to, Instant at, boolean reactivation) {
        if (to.equals(from)) {
            return to;
        }
        byTime.computeIfAbsent(at, t -> new ArrayList<>()).add(new StageTransition(
                "bench-" + UUID.nameUUIDFromBytes((customer + to + at).getBytes()), at, at, customer, customer, from,
                to, at, Cause.time(to), 1, reactivation));
        return to;
    }
}
