package org.lifecycle.analytics.prediction.service;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model fit: the job's progress while it runs, the fitted models once it has succeeded.
 *
 * @param version the fit's number, the {@code modelVersion} of the records it published
 * @param status running, succeeded or failed
 * @param trigger what started it: refresh (asked over HTTP), new-orders or schedule
 * @param progress 0 to 1
 * @param phase what it is doing now, or did last
 * @param ordersSeen orders in the store when the fit started
 * @param purchaseParameters the purchase model's parameters (r, alpha, a, b or r, alpha, s, beta)
 * @param spendParameters Gamma-Gamma's p, q, gamma
 * @param customers customers in the calibration window
 * @param repeatBuyers of those, customers with a repeat purchase (Gamma-Gamma is fitted on them)
 * @param published customers whose prediction changed enough to be published
 */
@Schema(description = "A model fit and its job status")
public record FitStatus(long version, String status, String trigger, String model, Instant requestedAt,
        Instant finishedAt, double progress, String phase, LocalDate windowStart, LocalDate windowEnd,
        long ordersSeen, JsonNode purchaseParameters, JsonNode spendParameters, Double purchaseLogLikelihood,
        Double spendLogLikelihood, Boolean purchaseConverged, Boolean spendConverged, Long customers,
        Long repeatBuyers, Long published, Long durationMs, String error) {
}
