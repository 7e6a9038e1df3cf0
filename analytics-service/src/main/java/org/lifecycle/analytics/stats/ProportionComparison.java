package org.lifecycle.analytics.stats;

/**
 * Two proportions compared: the difference {@code p1 - p2}, the pooled two-proportion z-test of "no difference", and
 * confidence intervals for the difference.
 *
 * @param p1 successes1 / trials1
 * @param p2 successes2 / trials2
 * @param difference p1 - p2
 * @param z the pooled z statistic; 0 when both groups are all successes or all failures
 * @param pValue the two-sided p-value of z
 * @param confidence the confidence level of the intervals, e.g. 0.95
 * @param waldLower the Wald interval: difference -/+ z * unpooled standard error
 * @param newcombeLower Newcombe's hybrid score interval (from the two Wilson intervals), which keeps its coverage
 *        for small groups and rates near 0 or 1 where the Wald interval does not
 */
public record ProportionComparison(
        long successes1, long trials1, long successes2, long trials2,
        double p1, double p2, double difference, double z, double pValue, double confidence,
        double waldLower, double waldUpper, double newcombeLower, double newcombeUpper) {

    /** Whether the difference is significant at the interval's level (p-value below 1 - confidence). */
    public boolean significant() {
        return pValue < 1.0 - confidence;
    }
}
