package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ratios as the API shows them: null when the denominator is zero, money to the cent. */
final class Figures {

    private Figures() {
    }

    static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    static BigDecimal money(BigDecimal amount, long count) {
        return count == 0 || amount == null
                ? null
                : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
