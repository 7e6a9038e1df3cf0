package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One cell of the cohort matrix: the customers of a first-order month, a number of months later. */
public record CohortCell(
        @Schema(description = "month of the customers' first order, yyyy-MM", examples = "2010-12") String cohort,
        @Schema(description = "0 for the first-order month itself") int monthsSince,
        @Schema(description = "customers whose first order fell in the cohort month") long cohortSize,
        @Schema(description = "cohort customers with an order in that month") long customers,
        @Schema(description = "customers / cohortSize") double retention,
        long orders,
        BigDecimal revenue,
        @Schema(description = "revenue of the cohort from month 0 to this month") BigDecimal cumulativeRevenue,
        @Schema(description = "cumulativeRevenue / cohortSize: historical lifetime value per customer") BigDecimal lifetimeValue)
        implements
            CsvRow {

    public static final List<String> COLUMNS = List.of("cohort", "months_since", "cohort_size", "customers",
            "retention", "orders", "revenue", "cumulative_revenue", "lifetime_value");

    @Override
    public List<Object> cells() {
        return List.of(cohort, monthsSince, cohortSize, customers, retention, orders, revenue, cumulativeRevenue,
                lifetimeValue);
    }
}
