package org.lifecycle.ingestion.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.lifecycle.bench.replay.Replay;
import org.lifecycle.bench.replay.ReplayOptions;
import org.lifecycle.bench.replay.ReplaySummary;
import org.lifecycle.contracts.Topics;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.support.TopicProbe.Read;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real UCI Online Retail file, replayed through the public API as the demo loader does, lands exactly one
 * {@code Order Completed} per valid invoice on the topic, counted independently from the file.
 */
@QuarkusTest
class OnlineRetailReplayTest {

    private static final String FILE = "online_retail_uci_2010-12_2011-12.csv.gz";
    private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    @TestHTTPResource("/")
    URL service;

    @Test
    void replayLandsExactlyOneEventPerValidOrder() throws Exception {
        Path file = dataFile();
        var source = Sources.create("online-retail");
        try (var events = new TopicProbe(Topics.EVENTS)) {
            var mark = events.mark();
            ReplaySummary summary = Replay.run(ReplayOptions.defaults(URI.create(base()), source.writeKey())
                    .withFile(file));

            List<Read> reads = events.fromSource(mark, source.id());
            Map<String, Long> byEvent = reads.stream().collect(Collectors.groupingBy(
                    r -> r.value().path("type").asText() + ":" + r.value().path("event").asText(""),
                    Collectors.counting()));
            Set<String> orderIds = new HashSet<>();
            reads.stream().filter(r -> "Order Completed".equals(r.value().path("event").asText()))
                    .forEach(r -> assertThat(orderIds.add(r.value().path("properties").path("order_id").asText()))
                            .as("order ids are unique on the topic").isTrue());

            FileCounts expected = countFile(file);
            assertThat(orderIds).hasSize(expected.validOrders()).hasSize(18_536);
            assertThat(byEvent.get("track:Order Refunded")).isEqualTo(expected.refunds());
            assertThat(byEvent.get("identify:")).isEqualTo(expected.customers()).isEqualTo(4_372L);
            assertThat(reads).hasSize((int) summary.eventsSent());
            assertThat(summary.orders()).isEqualTo(18_536);
            // a historical replay sends no sentAt, so no skew correction moves an order off its invoice time
            reads.stream().filter(r -> "Order Completed".equals(r.value().path("event").asText()))
                    .forEach(r -> assertThat(Instant.parse(r.value().path("occurredAt").asText()))
                            .as("event time of order %s", r.value().path("properties").path("order_id").asText())
                            .isEqualTo(expected.invoiceTimes()
                                    .get(r.value().path("properties").path("order_id").asText())));
        }
    }

    /** What the file holds, counted here by a plain reading of its first and seventh columns. */
    record FileCounts(int validOrders, long refunds, long customers, Map<String, Instant> invoiceTimes) {
    }

    static FileCounts countFile(Path file) throws IOException {
        Set<String> orders = new HashSet<>();
        Set<String> refunds = new HashSet<>();
        Set<String> customers = new HashSet<>();
        Map<String, Instant> invoiceTimes = new HashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> columns = columns(line);
                String invoice = columns.get(0);
                String customer = columns.get(6);
                if (customer.isEmpty()) {
                    continue;
                }
                customers.add(customer);
                (invoice.startsWith("C") ? refunds : orders).add(invoice);
                // an invoice's time is its earliest line's, in the shop's local time
                Instant at = LocalDateTime.parse(columns.get(4), INVOICE_DATE).atZone(SHOP_ZONE).toInstant();
                invoiceTimes.merge(invoice, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return new FileCounts(orders.size(), refunds.size(), customers.size(), invoiceTimes);
    }

    private static List<String> columns(String line) {
        var columns = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                columns.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString());
        return columns;
    }

    private String base() {
        return service.toString().replaceAll("/$", "");
    }

    private static Path dataFile() {
        return java.util.stream.Stream.of(System.getenv("LIFECYCLE_DATA_DIR"), "../../shared/data", "../shared/data")
                .filter(java.util.Objects::nonNull)
                .map(dir -> Path.of(dir, FILE))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The Online Retail file " + FILE
                        + " is needed: set LIFECYCLE_DATA_DIR to the folder holding it"));
    }

}
