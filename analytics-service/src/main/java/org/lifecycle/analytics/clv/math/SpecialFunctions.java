package org.lifecycle.analytics.clv.math;

/**
 * Log-gamma, digamma and log-beta for positive real arguments, accurate to about 1e-14 relative.
 *
 * <p>
 * Both functions shift a small argument up to at least 10 with the recurrence Γ(x+1) = xΓ(x) and then use the
 * asymptotic (Stirling) series, whose first omitted term is below 1e-15 from there on.
 */
public final class SpecialFunctions {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SHIFT_TO = 10.0;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs a positive argument, got " + x);
        }
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        double product = 1.0;
        double logShift = 0.0;
        while (x < SHIFT_TO) {
            product *= x;
            x += 1.0;
            if (product > 1e280) {
                logShift += Math.log(product);
                product = 1.0;
            }
        }
        logShift += Math.log(product);
        double inv = 1.0 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188 - inv2 * (691.0 / 360360 - inv2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - logShift;
    }

    /** ψ(x) = d/dx ln Γ(x) for x &gt; 0. */
    public static double digamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("digamma needs a positive argument, got " + x);
        }
        double shift = 0.0;
        while (x < SHIFT_TO) {
            shift += 1.0 / x;
            x += 1.0;
        }
        double inv = 1.0 / x;
        double inv2 = inv * inv;
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
        return Math.log(x) - 0.5 * inv - series - shift;
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b) for a, b &gt; 0. */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln(e^u + e^v) without overflow or underflow; either may be −∞. */
    public static double logAddExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(-Math.abs(u - v)));
    }
}
