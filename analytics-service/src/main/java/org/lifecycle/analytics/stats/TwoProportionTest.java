package org.lifecycle.analytics.stats;

/**
 * Compares two conversion rates (A/B variants, or a journey's treatment group and its holdout): pooled two-proportion
 * z-test, Wald and Newcombe hybrid score intervals for the difference.
 */
public final class TwoProportionTest {

    private TwoProportionTest() {
    }

    /** Compares successes1/trials1 with successes2/trials2 at the given confidence level (e.g. 0.95). */
    public static ProportionComparison compare(long successes1, long trials1, long successes2, long trials2,
            double confidence) {
        requireCounts(successes1, trials1, "1");
        requireCounts(successes2, trials2, "2");
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
        double n1 = trials1;
        double n2 = trials2;
        double p1 = successes1 / n1;
        double p2 = successes2 / n2;
        double difference = p1 - p2;
        double pooled = (successes1 + successes2) / (n1 + n2);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        double z = pooledSe == 0.0 ? 0.0 : difference / pooledSe;
        double pValue = NormalDistribution.twoSidedPValue(z);
        double critical = NormalDistribution.quantile(1 - (1 - confidence) / 2);
        double waldSe = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double[] wilson1 = wilson(p1, n1, critical);
        double[] wilson2 = wilson(p2, n2, critical);
        double newcombeLower = difference - Math.sqrt(square(p1 - wilson1[0]) + square(wilson2[1] - p2));
        double newcombeUpper = difference + Math.sqrt(square(wilson1[1] - p1) + square(p2 - wilson2[0]));
        return new ProportionComparison(successes1, trials1, successes2, trials2, p1, p2, difference, z, pValue,
                confidence, difference - critical * waldSe, difference + critical * waldSe, newcombeLower,
                newcombeUpper);
    }

    /** Wilson's score interval for one proportion. */
    static double[] wilson(double p, double n, double z) {
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[]{centre - half, centre + half};
    }

    private static double square(double value) {
        return value * value;
    }

    private static void requireCounts(long successes, long trials, String group) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("group " + group + " needs 0 <= successes <= trials and trials > 0, was "
                    + successes + "/" + trials);
        }
    }
}
