package org.lifecycle.analytics.clv.math;

import java.util.function.DoubleUnaryOperator;

/**
 * Gauss–Legendre quadrature rules, nodes and weights computed by Newton's method on the Legendre polynomial.
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    /** The n-point rule on [−1, 1]. */
    public GaussLegendre(int n) {
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double pn = n == 1 ? x : p1;
                double pnMinus1 = n == 1 ? 1 : p0;
                derivative = n * (x * pn - pnMinus1) / (x * x - 1);
                double dx = pn / derivative;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    /** ∫ f over [lo, hi] with one application of the rule. */
    public double integrate(DoubleUnaryOperator f, double lo, double hi) {
        double mid = 0.5 * (lo + hi);
        double half = 0.5 * (hi - lo);
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
        }
        return sum * half;
    }

    /** The nodes on [−1, 1]. */
    public double node(int i) {
        return nodes[i];
    }

    /** The weights on [−1, 1]. */
    public double weight(int i) {
        return weights[i];
    }

    /** Number of points. */
    public int points() {
        return nodes.length;
    }
}
