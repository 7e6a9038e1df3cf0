package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;

/**
 * Where the RFM map draws its lines: three recency edges in whole days splitting customers into four recency bands
 * (band 1 is {@code recency < band1Days}, band 4 is {@code recency >= band3Days}), and the store's average order
 * value that separates high-value customers from the rest.
 *
 * @param band1Days the first recency edge, in days
 * @param band2Days the second recency edge, greater than the first
 * @param band3Days the third recency edge, greater than the second
 * @param storeAverageOrderValue the store's average order value; {@code null} when unknown, and then every customer
 *        counts as high value: with nothing to compare against, the map reads on recency and frequency alone
 * @param derived whether the recency edges come from the store's own repeat interval rather than the fallback
 * @param stats what the thresholds were derived from; {@code null} for the plain {@link #fallback()}
 */
public record RfmThresholds(int band1Days, int band2Days, int band3Days, BigDecimal storeAverageOrderValue,
        boolean derived, StoreStats stats) {

    /** Below this many returning customers a median repeat interval is too noisy to draw lines with. */
    public static final long MIN_RETURNING_CUSTOMERS = 100;

    public RfmThresholds {
        if (band1Days < 1 || band2Days <= band1Days || band3Days <= band2Days) {
            throw new IllegalArgumentException("recency edges must be positive and increasing, were " + band1Days
                    + "/" + band2Days + "/" + band3Days);
        }
    }

    /** The bands for a store too young to have its own: under 40 days, 40 to 90, 90 to 180, over 180. */
    public static RfmThresholds fallback() {
        return fallback(null, null);
    }

    /**
     * The thresholds of a store with {@link #MIN_RETURNING_CUSTOMERS} returning customers or more: one, two and four
     * median repeat intervals, so "recent" means "within the time your customers usually take to come back". A
     * smaller store gets the fallback bands, still judged against its own average order value when it has one.
     */
    public static RfmThresholds derive(StoreStats stats) {
        if (stats.returningCustomers() < MIN_RETURNING_CUSTOMERS) {
            return fallback(stats.averageOrderValue(), stats);
        }
        // At least a day, so the edges stay distinct; at most a quarter of int's range, so 4x still fits.
        int interval = Math.clamp(Math.round(stats.medianRepeatIntervalDays()), 1, Integer.MAX_VALUE / 4);
        return new RfmThresholds(interval, 2 * interval, 4 * interval, stats.averageOrderValue(), true, stats);
    }

    private static RfmThresholds fallback(BigDecimal storeAverageOrderValue, StoreStats stats) {
        return new RfmThresholds(40, 90, 180, storeAverageOrderValue, false, stats);
    }

    /**
     * Whether these thresholds place customers close enough to {@code other} that deciding every profile again is not
     * worth it: the same recency edges, derived the same way, and store averages within {@code averageTolerance}
     * (relative; {@code 0} asks for equal averages). A live store's average order value moves with nearly every order,
     * and each move would otherwise re-decide every profile.
     */
    public boolean placesAlike(RfmThresholds other, double averageTolerance) {
        if (band1Days != other.band1Days || band2Days != other.band2Days || band3Days != other.band3Days
                || derived != other.derived) {
            return false;
        }
        BigDecimal a = storeAverageOrderValue;
        BigDecimal b = other.storeAverageOrderValue;
        if (a == null || b == null) {
            return a == b;
        }
        if (a.compareTo(b) == 0) {
            return true;
        }
        if (averageTolerance <= 0 || b.signum() == 0) {
            return false;
        }
        return a.subtract(b).abs().doubleValue() <= averageTolerance * b.abs().doubleValue();
    }

    /** The recency band, 1 (most recent) to 4, of a customer whose last order was {@code recencyDays} ago. */
    public int band(long recencyDays) {
        if (recencyDays < band1Days) {
            return 1;
        }
        if (recencyDays < band2Days) {
            return 2;
        }
        return recencyDays < band3Days ? 3 : 4;
    }
}
