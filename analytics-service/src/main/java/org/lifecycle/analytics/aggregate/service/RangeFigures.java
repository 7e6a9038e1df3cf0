package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures of a whole range of days; see the service README for each definition. */
@Schema(description = "Figures over a range of days (definitions in the service README)")
public record RangeFigures(
        LocalDate from,
        LocalDate to,
        @Schema(description = "distinct identity keys with a page or screen event in the range") long visitors,
        @Schema(description = "of the visitors, those with an order in the range") long convertedVisitors,
        @Schema(description = "distinct customers with an order in the range (visitors or not)") long buyers,
        @Schema(description = "convertedVisitors / visitors, 0 to 1; null without visitors") Double conversionRate,
        long orders,
        BigDecimal revenue,
        BigDecimal averageOrderValue,
        BigDecimal revenuePerCustomer,
        long costedOrders,
        BigDecimal marginPerCustomer,
        @Schema(description = "customers with 2 or more orders in the range") long repeatCustomers,
        @Schema(description = "repeatCustomers / buyers") Double repeatPurchaseRate,
        Double meanDaysBetweenPurchases,
        Double medianDaysBetweenPurchases,
        Long refunds,
        BigDecimal refundedAmount,
        long churned,
        @Schema(description = "customers alive at the start of the range") long aliveAtStart,
        Double churnRate) {
}
