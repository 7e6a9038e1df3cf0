package org.lifecycle.bench.retail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.bench.http.Batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The published facts of the real file (shared/data/README.md), reproduced by the replay's own reading. */
class OnlineRetailFileTest {

    private static Path file;
    private static List<Invoice> invoices;
    private static List<ShopEvent> events;
    private static SegmentMapping mapping;

    @BeforeAll
    static void read() {
        file = RetailCsv.defaultFile().orElse(null);
        assumeTrue(file != null, "skipped: " + RetailCsv.FILE_NAME
                + " is not in $LIFECYCLE_DATA_DIR nor ../shared/data (it is on the project's machines and in CI)");
        invoices = RetailCsv.read(file);
        mapping = new SegmentMapping("retail", Batch.MAX_EVENT_BYTES);
        events = invoices.stream().flatMap(i -> mapping.map(i).stream()).toList();
    }

    @Test
    void reproducesThePublishedInvoiceAndCustomerCounts() {
        assertThat(invoices).hasSize(25_900);
        assertThat(invoices.stream().mapToInt(i -> i.lines().size()).sum()).isEqualTo(541_909);
        assertThat(count(ShopEvent.Kind.ORDER)).isEqualTo(18_536);
        assertThat(events.stream().filter(e -> e.kind() == ShopEvent.Kind.ORDER).map(ShopEvent::userId).distinct()
                .count()).isEqualTo(4_339);
        assertThat(count(ShopEvent.Kind.IDENTIFY)).isEqualTo(4_372);
        assertThat(invoices.stream().filter(i -> !i.isGuest() && !i.isCancellation())
                .mapToInt(i -> i.lines().size()).sum()).isEqualTo(397_924);
    }

    @Test
    void refundsAndSkippedGuestsMatchAnIndependentCountOfTheRawLines() throws IOException {
        // Independent count: distinct invoice numbers straight from the lines, no CSV parsing beyond the first
        // field and the last two (descriptions with commas are quoted, so count fields from the end).
        Set<String> refunds = new HashSet<>();
        Set<String> guests = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String invoiceNo = line.substring(0, line.indexOf(','));
                String[] tail = line.substring(line.lastIndexOf(',', line.lastIndexOf(',') - 1) + 1).split(",", -1);
                boolean guest = tail[0].isEmpty();
                if (guest) {
                    guests.add(invoiceNo);
                } else if (invoiceNo.startsWith("C")) {
                    refunds.add(invoiceNo);
                }
            }
        }
        assertThat(count(ShopEvent.Kind.REFUND)).isEqualTo(refunds.size()).isEqualTo(3_654);
        assertThat(mapping.guestInvoicesSkipped()).isEqualTo(guests.size()).isEqualTo(3_710);
    }

    @Test
    void everyEventFitsTheApiLimits() {
        assertThat(events).allSatisfy(e -> assertThat(e.json().length).isLessThanOrEqualTo(Batch.MAX_EVENT_BYTES));
        assertThat(mapping.trimmedEvents()).isPositive();
        assertThat(events.stream().map(ShopEvent::messageId).distinct().count()).isEqualTo(events.size());
    }

    private static long count(ShopEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
