package org.lifecycle.analytics.stats;

/**
 * The standard normal distribution, computed from a complementary error function accurate to about 1e-15 relative
 * error over the whole line, so that small p-values (far tails) keep their digits instead of rounding to zero.
 */
public final class NormalDistribution {

    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    /**
     * Below it the power series of erf is used (erfc stays above 0.47 there, so 1 - erf loses no digits); above it
     * the continued fraction of erfc, which never subtracts from 1.
     */
    private static final double SERIES_LIMIT = 0.5;

    private NormalDistribution() {
    }

    /** P(Z <= z) for a standard normal Z. */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT_2);
    }

    /** P(Z > z), computed without the cancellation of {@code 1 - cdf(z)} in the upper tail. */
    public static double survival(double z) {
        return 0.5 * erfc(z / SQRT_2);
    }

    /** The two-sided p-value of a z statistic: P(|Z| >= |z|). */
    public static double twoSidedPValue(double z) {
        return erfc(Math.abs(z) / SQRT_2);
    }

    /** The z with P(Z <= z) = p, by bisection on {@link #cdf}, so it is exactly as accurate as the CDF. */
    public static double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("p must be strictly between 0 and 1, was " + p);
        }
        double low = -40.0;
        double high = 40.0;
        for (int i = 0; i < 200 && high - low > 1e-15; i++) {
            double mid = 0.5 * (low + high);
            if (cdf(mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    /** The complementary error function erfc(x) = 1 - erf(x). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < SERIES_LIMIT) {
            return 1.0 - erfSeries(x);
        }
        return erfcContinuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)). */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double power = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            power *= -x2 / n;
            double term = power / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2.0 / SQRT_PI * sum;
    }

    /**
     * erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by the modified Lentz
     * method; it needs a few thousand terms near 0.5 and a few dozen beyond 3.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0.0;
        for (int k = 1; k < 100_000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1.0 / d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }
}
