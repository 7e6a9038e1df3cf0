package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a journey changed: its treatment group's conversion rate against its holdout's. */
public record HoldoutUplift(
        String journeyId,
        int attributionWindowDays,
        @Schema(description = "customers sent at least one step of the journey") long treatmentCustomers,
        long treatmentConverted,
        Double treatmentRate,
        BigDecimal treatmentRevenuePerCustomer,
        @Schema(description = "customers held out (journey holdout or global control)") long holdoutCustomers,
        long holdoutConverted,
        Double holdoutRate,
        BigDecimal holdoutRevenuePerCustomer,
        @Schema(description = "treatmentRate - holdoutRate; null while a group is empty") Double uplift,
        @Schema(description = "uplift / holdoutRate") Double relativeUplift,
        Double z,
        Double pValue,
        double confidence,
        @Schema(description = "Newcombe hybrid score interval of the uplift") Double lower,
        Double upper,
        Double waldLower,
        Double waldUpper) {
}
