package org.lifecycle.analytics.aggregate.service;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Visitors who ordered against those who did not, for one value of one dimension (traffic source, device, browser,
 * OS, page, pages viewed, a survey answer).
 */
public record VisitorComparison(
        @Schema(description = "all, source, device, browser, os, pages_viewed, page, or answer:<question>") String dimension,
        @Schema(description = "e.g. google / cpc, mobile, Chrome, /pricing, 3-4, promoter") String value,
        @Schema(description = "visitors of the range with this value") long visitors,
        @Schema(description = "of them, visitors with an order in the range") long converted,
        @Schema(description = "of them, visitors without an order in the range") long notConverted,
        @Schema(description = "converted / visitors") Double conversionRate,
        @Schema(description = "share of all converted visitors that have this value") Double convertedShare,
        @Schema(description = "share of all non-converted visitors that have this value") Double notConvertedShare,
        @Schema(description = "page and screen views in the range per converted visitor with this value") Double convertedPagesPerVisitor,
        @Schema(description = "page and screen views in the range per non-converted visitor with this value") Double notConvertedPagesPerVisitor)
        implements
            CsvRow {

    public static final List<String> COLUMNS = List.of("dimension", "value", "visitors", "converted", "not_converted",
            "conversion_rate", "converted_share", "not_converted_share", "converted_pages_per_visitor",
            "not_converted_pages_per_visitor");

    @Override
    public List<Object> cells() {
        return Arrays.asList(dimension, value, visitors, converted, notConverted, conversionRate, convertedShare,
                notConvertedShare, convertedPagesPerVisitor, notConvertedPagesPerVisitor);
    }
}
