package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the RFM thresholds are derived from: how often the store's customers come back and what an order is worth.
 * The service computes it in SQL over all profiles; {@link #of} is the same definition in Java, for tests and as
 * its specification.
 *
 * @param returningCustomers customers with two or more counted orders
 * @param medianRepeatIntervalDays the median, over all returning customers' consecutive orders, of the days between
 *        one order and the next; {@code NaN} when no customer has ordered twice
 * @param averageOrderValue the store's revenue divided by its orders; {@code null} before the first order
 */
public record StoreStats(long returningCustomers, double medianRepeatIntervalDays, BigDecimal averageOrderValue) {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    public StoreStats {
        if (returningCustomers < 0) {
            throw new IllegalArgumentException("returningCustomers must not be negative, was " + returningCustomers);
        }
        if (returningCustomers > 0 && !(medianRepeatIntervalDays >= 0 && Double.isFinite(medianRepeatIntervalDays))) {
            throw new IllegalArgumentException(
                    "medianRepeatIntervalDays must be a finite number of days, was " + medianRepeatIntervalDays);
        }
    }

    /**
     * The statistics of a store given each customer's order times (in any order) and the revenue and count of all
     * its counted orders. Gaps are pooled over customers, so a customer with many orders weighs more: the interval
     * describes the store's repeat rhythm, not its typical customer.
     */
    public static StoreStats of(List<List<Instant>> orderTimesPerCustomer, BigDecimal totalRevenue, long orderCount) {
        List<Double> gapsInDays = new ArrayList<>();
        long returning = 0;
        for (List<Instant> times : orderTimesPerCustomer) {
            if (times.size() < 2) {
                continue;
            }
            returning++;
            List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                gapsInDays.add(Duration.between(sorted.get(i - 1), sorted.get(i)).toSeconds() / SECONDS_PER_DAY);
            }
        }
        return of(returning, median(gapsInDays), totalRevenue, orderCount);
    }

    /**
     * The statistics from what the SQL query computes: the returning customers, the median of their pooled gaps, and
     * the store's counted revenue and orders, whose average is rounded as {@link RfmMap} rounds a customer's.
     */
    public static StoreStats of(long returningCustomers, double medianRepeatIntervalDays, BigDecimal totalRevenue,
            long orderCount) {
        BigDecimal averageOrderValue = orderCount == 0 ? null : RfmMap.average(totalRevenue, orderCount);
        return new StoreStats(returningCustomers, medianRepeatIntervalDays, averageOrderValue);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
