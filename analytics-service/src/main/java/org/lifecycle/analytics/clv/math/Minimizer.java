package org.lifecycle.analytics.clv.math;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Unconstrained minimisation by BFGS with a backtracking (Armijo) line search, using the objective's own gradient
 * when it has one and central differences otherwise.
 *
 * <p>
 * The models minimise their mean negative log-likelihood over the logarithms of their parameters, so every point of
 * ℝⁿ is a valid parameter vector and the objective is of order one whatever the number of customers, which keeps the
 * finite-difference steps meaningful. A point where the objective is not finite (overflow far from the optimum) is
 * treated as +∞ and the line search steps back from it. After convergence the search restarts once from the result
 * with a fresh Hessian approximation; the fit is accepted when the restart no longer improves it.
 */
public final class Minimizer {

    /** An objective that also returns its gradient. */
    @FunctionalInterface
    public interface Differentiable {
        /** The value at {@code point}; writes the gradient into {@code gradient}. */
        double valueAndGradient(double[] point, double[] gradient);
    }

    /** Result of a minimisation. */
    public record Result(double[] point, double value, int iterations, int evaluations, boolean converged) {
    }

    private static final double STEP = 1e-6;
    private static final double GRADIENT_TOLERANCE = 1e-8;
    /** Above this gradient, one-sided differences are accurate enough to choose the direction, at half the cost. */
    private static final double FORWARD_DIFFERENCE_ABOVE = 1e-3;
    private static final int MAX_HALVINGS = 20;
    /** A relative change this small is below the rounding noise of a sum over many customers. */
    private static final double VALUE_TOLERANCE = 1e-14;
    /** Gradients below this count as zero once the value stops changing: the rounding floor of numeric gradients. */
    private static final double NOISE_GRADIENT = 1e-6;
    private static final double MAX_STEP_NORM = 4.0;
    private static final int MAX_ITERATIONS = 1_000;
    private static final int MAX_RESTARTS = 5;

    private final ToDoubleFunction<double[]> objective;
    private final Differentiable differentiable;
    private final double bound;
    private int evaluations;

    private Minimizer(ToDoubleFunction<double[]> objective, Differentiable differentiable, double bound) {
        this.objective = objective;
        this.differentiable = differentiable;
        this.bound = bound;
    }

    /** Minimises {@code objective} from {@code start}, with central-difference gradients. */
    public static Result minimize(ToDoubleFunction<double[]> objective, double[] start) {
        return minimize(objective, start, Double.POSITIVE_INFINITY);
    }

    /**
     * Minimises {@code objective} from {@code start} inside the box |xᵢ| ≤ {@code bound}, with central-difference
     * gradients. Points outside the box count as +∞, so a minimum that lies at infinity (a parameter the data do not
     * identify) ends at the box's edge, not converged, instead of running off.
     */
    public static Result minimize(ToDoubleFunction<double[]> objective, double[] start, double bound) {
        return new Minimizer(objective, null, bound).run(start);
    }

    /** Minimises {@code objective} from {@code start} inside the box |xᵢ| ≤ {@code bound}, with its own gradient. */
    public static Result minimize(Differentiable objective, double[] start, double bound) {
        return new Minimizer(null, objective, bound).run(start);
    }

    private Result run(double[] start) {
        double[] x = start.clone();
        double fx = value(x);
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException("the objective is not finite at the starting point");
        }
        int iterations = 0;
        boolean converged = false;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            Run run = bfgs(x, fx);
            iterations += run.iterations;
            boolean improved = run.value < fx - 1e-13 * Math.max(1, Math.abs(fx));
            x = run.point;
            fx = run.value;
            converged = run.converged;
            if (!improved && restart > 0) {
                break;
            }
        }
        return new Result(x, fx, iterations, evaluations, converged);
    }

    private record Run(double[] point, double value, int iterations, boolean converged) {
    }

    private Run bfgs(double[] start, double fStart) {
        int n = start.length;
        double[] x = start.clone();
        double fx = fStart;
        double[] g = gradient(x, fx, 0);
        double[][] h = identity(n);
        int smallChanges = 0;
        boolean firstUpdate = true;
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            if (maxAbs(g) < GRADIENT_TOLERANCE) {
                return new Run(x, fx, iteration, true);
            }
            double[] d = times(h, g, -1);
            double slope = dot(d, g);
            if (!(slope < 0)) {
                h = identity(n);
                firstUpdate = true;
                d = times(h, g, -1);
                slope = dot(d, g);
            }
            double norm = Math.sqrt(dot(d, d));
            double step = norm > MAX_STEP_NORM ? MAX_STEP_NORM / norm : 1.0;
            double[] next = new double[n];
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < MAX_HALVINGS; k++) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * d[i];
                }
                fNext = value(next);
                if (fNext <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Run(x, fx, iteration, maxAbs(g) < NOISE_GRADIENT);
            }
            double[] gNext = gradient(next, fNext, maxAbs(g));
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - x[i];
                y[i] = gNext[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-18) {
                if (firstUpdate) {
                    // Scale the starting identity to the curvature seen along the first step (Nocedal and Wright
                    // 6.20), so the next steps are of the right length and the line search rarely backtracks.
                    h = identity(n);
                    double scale = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        h[i][i] = scale;
                    }
                    firstUpdate = false;
                }
                h = bfgsUpdate(h, s, y, sy);
            }
            double change = fx - fNext;
            x = next;
            g = gNext;
            fx = fNext;
            smallChanges = change <= VALUE_TOLERANCE * Math.max(1, Math.abs(fx)) ? smallChanges + 1 : 0;
            if (smallChanges >= 2) {
                return new Run(x, fx, iteration, maxAbs(g) < NOISE_GRADIENT);
            }
        }
        return new Run(x, fx, MAX_ITERATIONS, false);
    }

    private double[] lastPoint;
    private double[] lastGradient;

    private double value(double[] x) {
        evaluations++;
        for (double e : x) {
            if (!(Math.abs(e) <= bound)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double v;
        if (differentiable != null) {
            double[] g = new double[x.length];
            v = differentiable.valueAndGradient(x, g);
            lastPoint = x.clone();
            lastGradient = g;
        } else {
            v = objective.applyAsDouble(x);
        }
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private double[] gradient(double[] x, double fx, double previousGradient) {
        int n = x.length;
        double[] g = new double[n];
        if (differentiable != null) {
            if (!Arrays.equals(x, lastPoint)) {
                value(x);
            }
            return lastGradient.clone();
        }
        double[] probe = x.clone();
        for (int i = 0; i < n; i++) {
            double h = STEP * Math.max(1, Math.abs(x[i]));
            probe[i] = x[i] + h;
            double up = value(probe);
            if (previousGradient > FORWARD_DIFFERENCE_ABOVE && Double.isFinite(up)) {
                probe[i] = x[i];
                g[i] = (up - fx) / h;
                continue;
            }
            probe[i] = x[i] - h;
            double down = value(probe);
            probe[i] = x[i];
            if (Double.isFinite(up) && Double.isFinite(down)) {
                g[i] = (up - down) / (2 * h);
            } else if (Double.isFinite(up)) {
                g[i] = (up - fx) / h;
            } else {
                g[i] = (fx - down) / h;
            }
        }
        return g;
    }

    private static double[][] bfgsUpdate(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1.0 / sy;
        double[] hy = times(h, y, 1);
        double yhy = dot(y, hy);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[] times(double[][] m, double[] v, double sign) {
        int n = v.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += m[i][j] * v[j];
            }
            out[i] = sign * sum;
        }
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }
}
