package org.lifecycle.system.retail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifecycle.bench.replay.Replay;
import org.lifecycle.bench.replay.ReplayOptions;
import org.lifecycle.bench.replay.ReplaySummary;
import org.lifecycle.bench.retail.RetailCsv;
import org.lifecycle.contracts.Topics;
import org.lifecycle.system.retail.LifecycleRules.Thresholds;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The UCI Online Retail file replayed through the public ingestion API by the demo loader, into ingestion-service
 * and segmentation-service running as real processes: on the day after the last invoice, every customer's lifecycle
 * stage and RFM group, as segmentation-service's REST API shows them, equal those computed in this test from the CSV
 * alone (STAGES.md written out again in {@link LifecycleRules}), and so do the counts per stage and per RFM group.
 */
class OnlineRetailLifecycleTest {

    /**
     * The moment the service's clock starts at: after the last invoice (2011-12-09 12:50 UK time), at midnight UTC,
     * far from the shop's opening hours, so no order crosses a boundary (90 or 365 days, a recency edge) near it.
     */
    private static final Instant D = Instant.parse("2011-12-10T00:00:00Z");
    /**
     * The service's clock runs on from D, and event times may sit a little off the invoice times (ingestion corrects
     * them for a client's clock skew when a batch carries sentAt; the loader sends none today). The expected
     * placements are therefore required to be the same over D ± MARGIN, the median repeat interval to be further than
     * MARGIN from a rounding edge, and the service is read within MARGIN of D.
     */
    private static final Duration MARGIN = Duration.ofHours(1);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration RFM_REFRESH = Duration.ofSeconds(15);
    /** How long the service must show the same thresholds, map and jobs before it counts as settled. */
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final int SHOWN_DIFFERENCES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Installation suite = new Installation("retail");

    /** Where a customer is placed: lifecycle stage and RFM group ({@code null} off the map). */
    record Placement(String stage, String rfmGroup) {
    }

    @Test
    void everyCustomersStageAndRfmGroupEqualThoseComputedFromTheFile() throws Exception {
        Path file = RetailCsv.defaultFile().orElse(null);
        assumeTrue(file != null, "skipped: " + RetailCsv.FILE_NAME
                + " is not in $LIFECYCLE_DATA_DIR nor ../shared/data (it is on the project's machines and in CI)");

        RetailHistory history = RetailHistory.read(file);
        assertThat(history.lastInvoiceAt()).isBefore(D.minus(MARGIN));
        Thresholds thresholds = LifecycleRules.derive(history.ordersByCustomer().values());
        double halfDayDistance = Math.abs(thresholds.medianRepeatIntervalDays()
                - Math.floor(thresholds.medianRepeatIntervalDays()) - 0.5);
        assertThat(halfDayDistance).as("guard: the median repeat interval is so close to a rounding edge that event"
                + " times shifted by %s could change the recency edges", MARGIN).isGreaterThan(margin());
        Map<String, Placement> expected = placements(history, thresholds, D);
        for (Instant near : List.of(D.minus(MARGIN), D.plus(MARGIN))) {
            assertThat(differences(expected, placements(history, thresholds, near), history))
                    .as("guard: customers placed differently at %s than at D = %s; pick another D", near, D)
                    .isEmpty();
        }
        Map<String, Long> expectedStages = count(expected, Placement::stage, LifecycleRules.STAGES, true);
        Map<String, Long> expectedGroups = count(expected, Placement::rfmGroup, LifecycleRules.RFM_GROUPS, false);
        System.out.printf("Online Retail at %s, computed from the file: %,d customers, %,d orders; thresholds %s;%n"
                + "  stages %s%n  RFM groups %s, without orders %d%n", D, expected.size(), history.orderCount(),
                thresholds, expectedStages, expectedGroups, expectedStages.get("prospect"));

        ServiceProcess ingestion = suite.process(Service.INGESTION, Map.of());
        ServiceProcess segmentation = suite.process(Service.SEGMENTATION, Map.of(
                "LIFECYCLE_CLOCK_START", D.toString(),
                "LIFECYCLE_SEGMENTATION_SWEEP_INTERVAL", SWEEP_INTERVAL.toSeconds() + "s",
                "LIFECYCLE_SEGMENTATION_RFM_REFRESH", RFM_REFRESH.toSeconds() + "s",
                // Thresholds put in force on any move of the store's average, not only past 1 %: the ones in force
                // at the end are then exactly those of every order, which the reference derives.
                "LIFECYCLE_SEGMENTATION_RFM_AVERAGE_TOLERANCE", "0"));
        ServiceProcess.startTogether(ingestion, segmentation);
        JsonApi segmentationApi = new JsonApi(segmentation.url());

        ReplaySummary summary = Replay.run(ReplayOptions.defaults(ingestion.url(), createSource(ingestion))
                .withFile(file));
        System.out.println(summary.line());
        assertThat(summary.identifies()).isEqualTo(expected.size());
        assertThat(summary.orders()).isEqualTo(history.orderCount());
        assertThat(summary.refunds()).isEqualTo(history.cancellations());

        Poll.until("segmentation-service to apply every event", Duration.ofMinutes(10), Duration.ofSeconds(1),
                () -> suite.consumerLag(Service.SEGMENTATION, Topics.EVENTS), lag -> lag == 0);
        Instant applied = Instant.now();
        Settling settled = awaitSettled(segmentationApi,
                applied.plus(SWEEP_INTERVAL.multipliedBy(3)).plus(RFM_REFRESH.multipliedBy(2)));

        List<JsonNode> profiles = listProfiles(segmentationApi);
        JsonNode map = segmentationApi.get("/api/lifecycle-map?examples=0");
        assertThat(Duration.between(segmentation.startedAt(), Instant.now()))
                .as("the service's clock, started at D, is still within %s of D", MARGIN).isLessThan(MARGIN);

        assertThresholds(settled.current().thresholds(), thresholds);
        Map<String, Placement> actual = new HashMap<>();
        for (JsonNode profile : profiles) {
            Placement previous = actual.put(profile.path("userId").asText(null),
                    new Placement(profile.path("stage").asText(null), profile.path("rfmGroup").asText(null)));
            assertThat(previous).as("one profile per customer: %s", profile).isNull();
        }
        assertThat(actual.size()).as("profiles").isEqualTo(expected.size());
        assertThat(differences(expected, actual, history))
                .as("customers whose stage or RFM group in the service differ from the file's").isEmpty();
        assertThat(count(actual, Placement::stage, LifecycleRules.STAGES, true)).isEqualTo(expectedStages);
        assertThat(count(actual, Placement::rfmGroup, LifecycleRules.RFM_GROUPS, false)).isEqualTo(expectedGroups);
        assertMap(map, expected.size(), expectedStages, expectedGroups);
    }

    /** The thresholds the service derived are those derived from the file. */
    private static void assertThresholds(JsonNode served, Thresholds expected) {
        assertThat(served.path("derived").asBoolean()).as("derived: %s", served).isTrue();
        assertThat(List.of(served.path("band1Days").asInt(), served.path("band2Days").asInt(),
                served.path("band3Days").asInt()))
                .containsExactly(expected.band1Days(), expected.band2Days(), expected.band3Days());
        assertThat(served.path("storeAverageOrderValue").decimalValue()).isEqualByComparingTo(expected.storeAverage());
        JsonNode stats = served.path("stats");
        assertThat(stats.path("returningCustomers").asLong()).isEqualTo(expected.returningCustomers());
        assertThat(stats.path("averageOrderValue").decimalValue()).isEqualByComparingTo(expected.storeAverage());
        assertThat(stats.path("medianRepeatIntervalDays").asDouble())
                .isCloseTo(expected.medianRepeatIntervalDays(), within(margin()));
    }

    /** {@code GET /api/lifecycle-map}: every stage in the model's order, and the RFM groups, with the file's counts. */
    private static void assertMap(JsonNode map, long customers, Map<String, Long> stages, Map<String, Long> groups) {
        assertThat(map.path("total").asLong()).isEqualTo(customers);
        assertThat(map.path("withoutOrders").asLong()).isEqualTo(stages.get("prospect"));
        Map<String, Long> mapStages = new LinkedHashMap<>();
        map.path("stages").forEach(stage -> mapStages.put(stage.path("key").asText(), stage.path("count").asLong()));
        assertThat(mapStages).containsExactlyEntriesOf(stages);
        Map<String, Long> mapGroups = new LinkedHashMap<>();
        map.path("rfm").forEach(group -> mapGroups.put(group.path("group").asText(), group.path("count").asLong()));
        mapGroups.values().removeIf(count -> count == 0);
        assertThat(mapGroups).containsExactlyInAnyOrderEntriesOf(groups);
    }

    /** Every customer's stage and RFM group at {@code now}, computed from the file, by customer id. */
    private static Map<String, Placement> placements(RetailHistory history, Thresholds thresholds, Instant now) {
        Map<String, Placement> placements = new TreeMap<>();
        history.ordersByCustomer().forEach((customer, orders) -> placements.put(customer, new Placement(
                LifecycleRules.stage(orders, now), LifecycleRules.rfmGroup(orders, thresholds, now))));
        return placements;
    }

    /**
     * The customers placed differently in {@code actual} than in {@code expected}, with their orders, the first
     * {@link #SHOWN_DIFFERENCES} (a failure shows what went wrong without printing thousands of customers); empty
     * when all agree.
     */
    private static List<String> differences(Map<String, Placement> expected, Map<String, Placement> actual,
            RetailHistory history) {
        List<String> differences = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Placement> entry : expected.entrySet()) {
            Placement got = actual.get(entry.getKey());
            if (!entry.getValue().equals(got) && total++ < SHOWN_DIFFERENCES) {
                differences.add(entry.getKey() + ": expected " + entry.getValue() + ", got " + got + ", orders "
                        + history.ordersByCustomer().get(entry.getKey()));
            }
        }
        if (total > SHOWN_DIFFERENCES) {
            differences.add("and " + (total - SHOWN_DIFFERENCES) + " more, of " + expected.size() + " customers");
        }
        return differences;
    }

    /**
     * Customers per key, in the order given, zero counts listed only if {@code withZeros}; customers with no key
     * (off the RFM map) are not counted.
     */
    private static Map<String, Long> count(Map<String, Placement> placements, Function<Placement, String> key,
            List<String> order, boolean withZeros) {
        Map<String, Long> counted = placements.values().stream().map(key).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counted.keySet()).as("keys STAGES.md knows").isSubsetOf(order);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : order) {
            long n = counted.getOrDefault(k, 0L);
            if (withZeros || n > 0) {
                out.put(k, n);
            }
        }
        return out;
    }

    /** MARGIN in days. */
    private static double margin() {
        return MARGIN.toSeconds() / 86_400.0;
    }

    private static String createSource(ServiceProcess ingestion) {
        ObjectNode body = JSON.createObjectNode().put("name", "online-retail");
        JsonApi.Response created = new JsonApi(ingestion.url()).post("/admin/sources", body,
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(created.status()).as("POST /admin/sources: %s", created.body()).isEqualTo(201);
        return created.json().path("writeKey").asText();
    }

    /** Every profile, page by page ({@code GET /api/profiles?limit=1000&cursor=…}). */
    private static List<JsonNode> listProfiles(JsonApi api) {
        List<JsonNode> profiles = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/profiles?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("items").forEach(profiles::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return profiles;
    }

    /** What the service shows of its state: RFM thresholds (without derivedAt), the map's counts, the jobs. */
    record Snapshot(Instant takenAt, JsonNode thresholds, JsonNode thresholdsWithoutTime, JsonNode mapCounts,
            List<String> jobs) {

        boolean sameState(Snapshot other) {
            return thresholdsWithoutTime.equals(other.thresholdsWithoutTime) && mapCounts.equals(other.mapCounts)
                    && jobs.equals(other.jobs);
        }

        boolean derived() {
            return thresholds.path("derived").asBoolean();
        }

        boolean jobsDone() {
            return jobs.stream().noneMatch(job -> job.endsWith(":pending") || job.endsWith(":running"));
        }
    }

    /** The latest snapshot and since when the state has not changed. */
    record Settling(Snapshot current, Instant stableSince) {

        boolean settled(Instant notBefore) {
            return current.derived() && current.jobsDone() && !current.takenAt().isBefore(notBefore)
                    && !stableSince.plus(QUIET).isAfter(current.takenAt());
        }
    }

    /**
     * Waits until the service has settled: RFM thresholds derived from the store's orders, no job pending or
     * running, and thresholds, map and jobs unchanged for {@link #QUIET}, seen no earlier than {@code notBefore}
     * (after the partitions went idle, the sweeper ran and the thresholds were re-derived from every order).
     */
    private static Settling awaitSettled(JsonApi api, Instant notBefore) {
        Settling[] last = {null};
        return Poll.until("segmentation-service to settle (thresholds derived, no job running, map stable)",
                Duration.ofMinutes(5), Duration.ofSeconds(2), () -> {
                    Snapshot now = snapshot(api);
                    Settling previous = last[0];
                    last[0] = previous != null && previous.current().sameState(now)
                            ? new Settling(now, previous.stableSince())
                            : new Settling(now, now.takenAt());
                    return last[0];
                }, settling -> settling.settled(notBefore));
    }

    private static Snapshot snapshot(JsonApi api) {
        Instant takenAt = Instant.now();
        JsonNode thresholds = api.get("/api/rfm/thresholds");
        ObjectNode withoutTime = thresholds.deepCopy();
        withoutTime.remove("derivedAt");
        JsonNode map = api.get("/api/lifecycle-map?examples=0");
        ObjectNode counts = JSON.createObjectNode();
        counts.set("total", map.path("total"));
        counts.set("withoutOrders", map.path("withoutOrders"));
        map.path("stages").forEach(stage -> counts.set("stage." + stage.path("key").asText(), stage.path("count")));
        map.path("rfm").forEach(group -> counts.set("rfm." + group.path("group").asText(), group.path("count")));
        List<String> jobStates = new ArrayList<>();
        api.get("/api/jobs").forEach(job -> jobStates.add(job.path("id").asText() + ":" + job.path("status").asText()));
        return new Snapshot(takenAt, thresholds, withoutTime, counts, jobStates);
    }
}
