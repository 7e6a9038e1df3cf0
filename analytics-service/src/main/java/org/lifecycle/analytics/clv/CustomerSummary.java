package org.lifecycle.analytics.clv;

import java.util.Objects;

/**
 * What the models know of one customer at the end of the calibration period (the "RFM" summary of Fader, Hardie and
 * Lee), time in the window's unit.
 *
 * @param customerId the customer
 * @param frequency x, the number of repeat purchases: purchase days after the first one
 * @param recency t_x, the time from the first purchase to the last one (0 when x = 0)
 * @param age T, the time from the first purchase to the end of the calibration period
 * @param meanRepeatValue zbar, the mean value of the repeat purchase days (0 when x = 0)
 */
public record CustomerSummary(String customerId, int frequency, double recency, double age, double meanRepeatValue) {

    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must not be negative, got " + frequency);
        }
        if (!(recency >= 0) || !(age >= recency) || Double.isInfinite(age)) {
            throw new IllegalArgumentException(
                    "need 0 <= recency <= age, got recency " + recency + " and age " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("a customer without repeat purchases has recency 0, got " + recency);
        }
        if (!Double.isFinite(meanRepeatValue)) {
            throw new IllegalArgumentException("meanRepeatValue must be finite, got " + meanRepeatValue);
        }
    }

    /** A summary without spend, for the purchase-count models. */
    public static CustomerSummary of(String customerId, int frequency, double recency, double age) {
        return new CustomerSummary(customerId, frequency, recency, age, 0);
    }
}
