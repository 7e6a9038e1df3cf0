package org.lifecycle.analytics.prediction.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Histograms of the latest fit's predictions, for the dashboard.
 *
 * @param lifetimeValue predicted lifetime value in equal bins from 0 to its 99th percentile, the last bin also
 *        holding everything above
 * @param probabilityAlive P(alive) in equal bins over [0, 1]
 */
@Schema(description = "Histograms of predicted lifetime value and of P(alive)")
public record Distribution(long modelVersion, long customers, List<Bin> lifetimeValue,
        List<Bin> probabilityAlive) {

    /** Customers with a value in [lower, upper) (the last bin includes its upper bound and, for CLV, above). */
    public record Bin(double lower, double upper, long customers) {
    }
}
