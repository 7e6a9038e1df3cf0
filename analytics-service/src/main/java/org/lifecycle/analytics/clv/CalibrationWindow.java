package org.lifecycle.analytics.clv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The part of the order history the models are fitted on, and the unit time is counted in.
 *
 * @param start the first day whose first orders make a customer part of the fit (inclusive); customers who first
 *        ordered before it are left out, as are their orders
 * @param end the last day of the calibration period (inclusive); orders after it are ignored
 * @param daysPerUnit the length of one time unit in days (7 counts recency and age in weeks)
 */
public record CalibrationWindow(LocalDate start, LocalDate end, double daysPerUnit) {

    public CalibrationWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (!(daysPerUnit > 0) || Double.isInfinite(daysPerUnit)) {
            throw new IllegalArgumentException("daysPerUnit must be positive, got " + daysPerUnit);
        }
    }

    /** Every customer who first ordered on or before {@code end}, time in weeks. */
    public static CalibrationWindow weeksUntil(LocalDate end) {
        return new CalibrationWindow(LocalDate.MIN, end, 7);
    }
}
