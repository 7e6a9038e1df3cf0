package org.lifecycle.segmentation.rfm.service;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The RFM thresholds in force, as the API shows them.
 *
 * @param band1Days the first recency edge: band 1 is a last order under this many days ago
 * @param storeAverageOrderValue the store's average order value; {@code null} before its first order
 * @param derived whether the recency edges come from the store's own repeat interval rather than the fallback
 * @param stats what they were derived from; {@code null} before the first derivation
 * @param derivedAt when they were last derived; {@code null} before the first derivation
 */
public record RfmThresholdsView(int band1Days, int band2Days, int band3Days, BigDecimal storeAverageOrderValue,
        boolean derived, Stats stats, Instant derivedAt) {

    /**
     * @param returningCustomers customers with two or more counted orders
     * @param medianRepeatIntervalDays the median of the days between consecutive orders of returning customers;
     *        {@code null} when no customer ordered twice
     * @param averageOrderValue the store's counted revenue divided by its counted orders
     */
    public record Stats(long returningCustomers, Double medianRepeatIntervalDays, BigDecimal averageOrderValue) {
    }
}
