package org.lifecycle.analytics.prediction.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters and order of the prediction list, as SQL over {@code customer_prediction} with numbered parameters from
 * $2 ($1 is the fit). Columns and directions come from fixed sets, never from the request's text.
 */
public record PredictionFilter(Double minAlive, Double maxAlive, Double minLifetimeValue, Double maxLifetimeValue,
        Double minPurchases, Sort sort, boolean ascending) {

    /** Sort keys of the list. */
    public enum Sort {
        LIFETIME_VALUE("predicted_lifetime_value"), PROBABILITY_ALIVE("probability_alive"), EXPECTED_PURCHASES(
                "expected_purchases"), EXPECTED_ORDER_VALUE("expected_order_value"), CUSTOMER("customer_key");

        private final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    String where() {
        StringBuilder where = new StringBuilder();
        int n = 2;
        if (minAlive != null) {
            where.append(" and probability_alive >= $").append(n++);
        }
        if (maxAlive != null) {
            where.append(" and probability_alive <= $").append(n++);
        }
        if (minLifetimeValue != null) {
            where.append(" and predicted_lifetime_value >= $").append(n++);
        }
        if (maxLifetimeValue != null) {
            where.append(" and predicted_lifetime_value <= $").append(n++);
        }
        if (minPurchases != null) {
            where.append(" and expected_purchases >= $").append(n);
        }
        return where.toString();
    }

    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        for (Double value : new Double[]{minAlive, maxAlive, minLifetimeValue, maxLifetimeValue, minPurchases}) {
            if (value != null) {
                parameters.add(value);
            }
        }
        return parameters;
    }

    String orderBy() {
        return sort.column + (ascending ? " asc nulls first" : " desc nulls last");
    }
}
