package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response to one journey step's variant, among all its recipients or those of one segment. */
public record CampaignResult(
        String journeyId,
        String stepId,
        @Schema(description = "the A/B variant; empty for a step without variants") String variant,
        @Schema(description = "a segment key, '(none)' for recipients in no segment, or 'all'") String segment,
        @Schema(description = "customers the step sent a message to") long sent,
        long delivered,
        long opened,
        long clicked,
        long unsubscribed,
        @Schema(description = "recipients with an order within the attribution window after the first send") long converted,
        @Schema(description = "revenue of those orders") BigDecimal attributedRevenue,
        Double deliveryRate,
        Double openRate,
        Double clickRate,
        Double unsubscribeRate,
        Double conversionRate,
        BigDecimal revenuePerRecipient) implements CsvRow {

    public static final List<String> COLUMNS = List.of("journey_id", "step_id", "variant", "segment", "sent",
            "delivered", "opened", "clicked", "unsubscribed", "converted", "attributed_revenue", "delivery_rate",
            "open_rate", "click_rate", "unsubscribe_rate", "conversion_rate", "revenue_per_recipient");

    @Override
    public List<Object> cells() {
        return Arrays.asList(journeyId, stepId, variant, segment, sent, delivered, opened, clicked, unsubscribed,
                converted, attributedRevenue, deliveryRate, openRate, clickRate, unsubscribeRate, conversionRate,
                revenuePerRecipient);
    }
}
