package org.lifecycle.analytics.aggregate.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An A/B test result: one variant's rate against the reference variant's, with its significance. */
public record VariantComparison(
        String journeyId,
        String stepId,
        @Schema(description = "converted, clicked or opened, over customers sent") String metric,
        String variant,
        String reference,
        long variantSent,
        long variantSuccesses,
        long referenceSent,
        long referenceSuccesses,
        double variantRate,
        double referenceRate,
        @Schema(description = "variantRate - referenceRate") double difference,
        @Schema(description = "pooled two-proportion z statistic") double z,
        @Schema(description = "two-sided p-value of z") double pValue,
        double confidence,
        @Schema(description = "Newcombe hybrid score interval of the difference") double lower,
        double upper,
        @Schema(description = "Wald interval of the difference") double waldLower,
        double waldUpper,
        @Schema(description = "pValue < 1 - confidence") boolean significant) implements CsvRow {

    public static final List<String> COLUMNS = List.of("journey_id", "step_id", "metric", "variant", "reference",
            "variant_sent", "variant_successes", "reference_sent", "reference_successes", "variant_rate",
            "reference_rate", "difference", "z", "p_value", "confidence", "lower", "upper", "wald_lower",
            "wald_upper", "significant");

    @Override
    public List<Object> cells() {
        return List.of(journeyId, stepId, metric, variant, reference, variantSent, variantSuccesses, referenceSent,
                referenceSuccesses, variantRate, referenceRate, difference, z, pValue, confidence, lower, upper,
                waldLower, waldUpper, significant);
    }
}
