package org.lifecycle.analytics.clv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One order of a customer: the day it was placed (in the store's own time zone) and its value.
 *
 * @param customerId the customer
 * @param date the order's day in the store's time zone
 * @param value the order's value (currency units; may be zero)
 */
public record Transaction(String customerId, LocalDate date, double value) {

    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, got " + value);
        }
    }
}
