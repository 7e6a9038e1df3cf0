package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of one day; see the service README for each definition. */
@Schema(description = "Figures of one day (definitions in the service README)")
public record DailyFigures(
        LocalDate day,
        @Schema(description = "distinct identity keys with a page or screen event") long visitors,
        @Schema(description = "of the visitors, those with an order on the same day") long convertedVisitors,
        @Schema(description = "distinct customers with an order (visitors or not)") long buyers,
        @Schema(description = "convertedVisitors / visitors, 0 to 1; null without visitors") Double conversionRate,
        long orders,
        BigDecimal revenue,
        @Schema(description = "revenue / orders") BigDecimal averageOrderValue,
        @Schema(description = "revenue / buyers") BigDecimal revenuePerCustomer,
        @Schema(description = "orders that stated a cost") long costedOrders,
        @Schema(description = "sum of (revenue - cost) over costed orders / their buyers") BigDecimal marginPerCustomer,
        @Schema(description = "buyers with an order that was not their first") long returningBuyers,
        @Schema(description = "returningBuyers / buyers") Double returningBuyerRate,
        @Schema(description = "mean days since the same customer's previous order") Double meanDaysBetweenPurchases,
        Double medianDaysBetweenPurchases,
        @Schema(description = "Order Refunded events (only without stage or segment filter)") Long refunds,
        BigDecimal refundedAmount,
        @Schema(description = "customers who entered the churned stage") long churned,
        @Schema(description = "customers alive at the start of the day") long aliveAtStart,
        @Schema(description = "churned / aliveAtStart") Double churnRate) implements CsvRow {

    public static final List<String> COLUMNS = List.of("day", "visitors", "buyers", "conversion_rate", "orders",
            "revenue", "average_order_value", "revenue_per_customer", "costed_orders", "margin_per_customer",
            "returning_buyers", "returning_buyer_rate", "mean_days_between_purchases",
            "median_days_between_purchases", "refunds", "refunded_amount", "churned", "alive_at_start", "churn_rate",
            "converted_visitors");

    @Override
    public List<Object> cells() {
        return java.util.Arrays.asList(day, visitors, buyers, conversionRate, orders, revenue, averageOrderValue,
                revenuePerCustomer, costedOrders, marginPerCustomer, returningBuyers, returningBuyerRate,
                meanDaysBetweenPurchases, medianDaysBetweenPurchases, refunds, refundedAmount, churned, aliveAtStart,
                churnRate, convertedVisitors);
    }
}
