package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreStatsTest {

    private static final Instant T = Instant.parse("2025-03-01T09:30:00Z");

    @Test
    void theRepeatIntervalIsTheMedianGapBetweenConsecutiveOrdersOfReturningCustomers() {
        StoreStats stats = StoreStats.of(List.of(
                List.of(day(30), day(0), day(10)),
                List.of(day(0), day(16)),
                List.of(day(5))),
                new BigDecimal("600"), 6);

        assertThat(stats.returningCustomers()).isEqualTo(2);
        assertThat(stats.medianRepeatIntervalDays()).as("gaps 10, 16 and 20 days").isEqualTo(16.0);
        assertThat(stats.averageOrderValue()).isEqualByComparingTo("100");
    }

    @Test
    void anEvenNumberOfGapsHasTheMeanOfTheMiddleTwoAsMedian() {
        StoreStats stats = StoreStats.of(List.of(
                List.of(day(0), day(10)),
                List.of(day(0), day(20)),
                List.of(day(0), Instant.parse("2025-03-01T21:30:00Z"))),
                new BigDecimal("60"), 6);

        assertThat(stats.medianRepeatIntervalDays()).as("gaps 0.5, 10 and 20 days").isEqualTo(10.0);

        StoreStats even = StoreStats.of(List.of(List.of(day(0), day(10)), List.of(day(0), day(20))),
                new BigDecimal("40"), 4);
        assertThat(even.medianRepeatIntervalDays()).isEqualTo(15.0);
    }

    @Test
    void aStoreWithoutReturningCustomersHasNoIntervalAndGetsTheFallback() {
        StoreStats stats = StoreStats.of(List.of(List.of(day(0)), List.of(day(3))), new BigDecimal("90"), 2);

        assertThat(stats.returningCustomers()).isZero();
        assertThat(stats.medianRepeatIntervalDays()).isNaN();
        assertThat(RfmThresholds.derive(stats).derived()).isFalse();
        assertThat(RfmThresholds.derive(stats).storeAverageOrderValue()).isEqualByComparingTo("45");
    }

    @Test
    void aStoreWithoutOrdersHasNoAverageOrderValue() {
        assertThat(StoreStats.of(List.of(), BigDecimal.ZERO, 0).averageOrderValue()).isNull();
    }

    private static Instant day(int n) {
        return T.plus(Duration.ofDays(n));
    }
}
