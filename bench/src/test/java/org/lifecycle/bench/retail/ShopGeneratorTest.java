package org.lifecycle.bench.retail;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopGeneratorTest {

    @Test
    void sameSeedGivesTheSameEvents() {
        assertThat(messages(7)).isEqualTo(messages(7));
        assertThat(messages(8)).isNotEqualTo(messages(7));
    }

    @Test
    void looksLikeARealShop() {
        List<Invoice> invoices = new ShopGenerator(42).generate(1000);
        Map<String, Long> ordersPerCustomer = invoices.stream().filter(i -> !i.isGuest() && !i.isCancellation())
                .collect(Collectors.groupingBy(Invoice::customerId, Collectors.counting()));

        assertThat(ordersPerCustomer).hasSizeGreaterThan(900);
        long once = ordersPerCustomer.values().stream().filter(n -> n == 1).count();
        long max = ordersPerCustomer.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(once).as("one-time buyers").isGreaterThan(200);
        assertThat(max).as("best customer's orders").isGreaterThan(20);
        assertThat(invoices).anyMatch(Invoice::isCancellation).anyMatch(Invoice::isGuest);
        assertThat(invoices.stream().map(Invoice::country).distinct().count()).isGreaterThan(5);
        assertThat(invoices).isSortedAccordingTo(java.util.Comparator.comparing(Invoice::issuedAt));
        double meanLines = invoices.stream().mapToInt(i -> i.lines().size()).average().orElseThrow();
        assertThat(meanLines).isBetween(8.0, 40.0);
        assertThat(invoices).allSatisfy(i -> assertThat(i.lines()).isNotEmpty());
    }

    private static List<String> messages(long seed) {
        SegmentMapping mapping = new SegmentMapping("gen", 32_000);
        return new ShopGenerator(seed).generate(200).stream().flatMap(i -> mapping.map(i).stream())
                .map(e -> new String(e.json(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
