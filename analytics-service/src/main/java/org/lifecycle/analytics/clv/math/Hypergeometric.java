package org.lifecycle.analytics.clv.math;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z &lt; 1.
 *
 * <p>
 * For 0 ≤ z &lt; 1 the defining power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ is summed with compensated (Kahan) addition
 * until the terms no longer change the sum. For z &lt; 0 the Pfaff transformation ₂F₁(a, b; c; z) = (1−z)^(−a)
 * ₂F₁(a, c−b; c; z/(z−1)) maps the argument into [0, 1), where the series converges with no alternating signs coming
 * from z. The series needs about ln(ε)/ln(z) terms, so callers that may meet z close to 1 in a hot loop (the
 * Pareto/NBD likelihood) use their own integral form there; see {@link #seriesIsFast(double)}.
 */
public final class Hypergeometric {

    /** Above this argument the series may need more than about 700 terms. */
    public static final double FAST_SERIES_LIMIT = 0.95;

    private static final int MAX_TERMS = 5_000_000;
    private static final double EPSILON = 1e-16;

    private Hypergeometric() {
    }

    /** Whether {@link #hyp2f1} sums fewer than about 700 terms at this argument. */
    public static boolean seriesIsFast(double z) {
        return Math.abs(z) <= FAST_SERIES_LIMIT && (z >= 0 || Math.abs(z / (z - 1)) <= FAST_SERIES_LIMIT);
    }

    /**
     * ₂F₁(a, b; c; z) for z &lt; 1.
     *
     * @throws IllegalArgumentException if z ≥ 1, or c is zero or a negative integer
     * @throws ArithmeticException if the series does not converge within five million terms
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (!(z < 1)) {
            throw new IllegalArgumentException("2F1 is evaluated for z < 1 only, got " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c);
        }
        if (z < 0) {
            return Math.pow(1 - z, -a) * series(a, c - b, c, z / (z - 1));
        }
        return series(a, b, c, z);
    }

    private static double series(double a, double b, double c, double z) {
        double sum = 1.0;
        double compensation = 0.0;
        double term = 1.0;
        if (z == 0 || a == 0 || b == 0) {
            return 1.0;
        }
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            if (term == 0 || Math.abs(term) <= EPSILON * Math.abs(sum) && Math.abs(ratio) < 1) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge");
    }
}
