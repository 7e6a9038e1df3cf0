package org.lifecycle.analytics.clv;

import java.util.Collection;
import java.util.function.ToDoubleFunction;

import org.lifecycle.analytics.clv.math.Hypergeometric;
import org.lifecycle.analytics.clv.math.Minimizer;

import static org.lifecycle.analytics.clv.math.SpecialFunctions.digamma;
import static org.lifecycle.analytics.clv.math.SpecialFunctions.logAddExp;
import static org.lifecycle.analytics.clv.math.SpecialFunctions.logGamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive a customer buys
 * at a Poisson rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b).
 *
 * <p>
 * Likelihood of one customer: L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x)) + [x &gt; 0] B(a+1, b+x−1)/B(a, b)
 * · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)), evaluated in logs.
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements PurchaseModel {

    public BgNbdModel {
        for (double v : new double[]{r, alpha, a, b}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r
                        + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
            }
        }
    }

    /** Fits the model to these customers by maximum likelihood. */
    public static ModelFit<BgNbdModel> fit(Collection<CustomerSummary> customers) {
        return fit(SummaryTable.of(customers));
    }

    /** Fits the model to these customers by maximum likelihood. */
    public static ModelFit<BgNbdModel> fit(SummaryTable table) {
        table.requireRepeatPurchases();
        double n = table.totalCount;
        double[] start = {0, Math.log(rateScale(table)), 0, 0};
        Minimizer.Result res = Minimizer.minimize((Minimizer.Differentiable) (p, gradient) -> {
            double[] theta = {Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3])};
            double ll = logLikelihood(table, theta[0], theta[1], theta[2], theta[3], gradient);
            for (int i = 0; i < 4; i++) {
                gradient[i] *= -theta[i] / n;
            }
            return -ll / n;
        }, start, ModelFit.LOG_PARAMETER_BOUND);
        double[] p = res.point();
        BgNbdModel m = new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new ModelFit<>(m, -res.value() * n, table.customers(), res.iterations(), res.evaluations(),
                res.converged());
    }

    /** T summed over x summed: the time a customer takes per repeat purchase, a starting guess for α with r = 1. */
    static double rateScale(SummaryTable t) {
        double purchases = 0;
        double time = 0;
        for (int i = 0; i < t.size; i++) {
            purchases += t.count[i] * t.x[i];
            time += t.count[i] * t.age[i];
        }
        double scale = time / Math.max(purchases, 1);
        return Double.isFinite(scale) && scale > 0 ? Math.min(Math.max(scale, 1e-3), 1e6) : 1;
    }

    @Override
    public double logLikelihood(SummaryTable customers) {
        return logLikelihood(customers, r, alpha, a, b);
    }

    static double logLikelihood(SummaryTable t, double r, double alpha, double a, double b) {
        return logLikelihood(t, r, alpha, a, b, null);
    }

    /**
     * The log-likelihood and, when {@code gradient} is given, its derivatives by r, α, a and b: with w the share of
     * the "dropped out at t_x" term in a customer's likelihood, ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w
     * ln(α+t_x), ∂/∂α = r/α − (r+x)((1−w)/(α+T) + w/(α+t_x)), ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a, ∂/∂b = ψ(a+b) + ψ(b+x)
     * − ψ(b) − ψ(a+b+x) − w/(b+x−1).
     */
    static double logLikelihood(SummaryTable t, double r, double alpha, double a, double b, double[] gradient) {
        double logAlpha = Math.log(alpha);
        double lgR = logGamma(r);
        double lgAB = logGamma(a + b);
        double lgB = logGamma(b);
        double logA = Math.log(a);
        int nx = t.xValues.length;
        double[] common = new double[nx];
        double[] dropped = new double[nx];
        for (int k = 0; k < nx; k++) {
            int x = t.xValues[k];
            common[k] = logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
            dropped[k] = x > 0 ? logA - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
        }
        double[] logAge = new double[t.ageValues.length];
        for (int k = 0; k < logAge.length; k++) {
            logAge[k] = Math.log(alpha + t.ageValues[k]);
        }
        double[] logTx = new double[t.txValues.length];
        for (int k = 0; k < logTx.length; k++) {
            logTx[k] = Math.log(alpha + t.txValues[k]);
        }
        if (gradient != null) {
            return withGradient(t, r, alpha, a, b, common, dropped, logAge, logTx, gradient);
        }
        double sum = 0;
        for (int i = 0; i < t.size; i++) {
            double rx = r + t.x[i];
            double alive = -rx * logAge[t.ageIndex[i]];
            double ll;
            if (t.x[i] > 0) {
                double gone = dropped[t.xIndex[i]] - rx * logTx[t.txIndex[i]];
                ll = logAddExp(alive, gone);
            } else {
                ll = alive;
            }
            sum += t.count[i] * (common[t.xIndex[i]] + ll);
        }
        return sum;
    }

    private static double withGradient(SummaryTable t, double r, double alpha, double a, double b, double[] common,
            double[] dropped, double[] logAge, double[] logTx, double[] gradient) {
        int nx = t.xValues.length;
        double psiR = digamma(r);
        double psiAB = digamma(a + b);
        double psiB = digamma(b);
        double logAlpha = Math.log(alpha);
        double[] dR = new double[nx];
        double[] dA = new double[nx];
        double[] dB = new double[nx];
        double[] invB = new double[nx];
        for (int k = 0; k < nx; k++) {
            int x = t.xValues[k];
            double psiABX = digamma(a + b + x);
            dR[k] = digamma(r + x) - psiR + logAlpha;
            dA[k] = psiAB - psiABX;
            dB[k] = psiAB + digamma(b + x) - psiB - psiABX;
            invB[k] = x > 0 ? 1 / (b + x - 1) : 0;
        }
        double[] invAge = new double[t.ageValues.length];
        for (int k = 0; k < invAge.length; k++) {
            invAge[k] = 1 / (alpha + t.ageValues[k]);
        }
        double[] invTx = new double[t.txValues.length];
        for (int k = 0; k < invTx.length; k++) {
            invTx[k] = 1 / (alpha + t.txValues[k]);
        }
        double sum = 0;
        double gR = 0;
        double gAlpha = 0;
        double gA = 0;
        double gB = 0;
        double invA = 1 / a;
        for (int i = 0; i < t.size; i++) {
            int k = t.xIndex[i];
            int j = t.ageIndex[i];
            double rx = r + t.x[i];
            double alive = -rx * logAge[j];
            double ll = alive;
            double w = 0;
            int m = t.txIndex[i];
            if (t.x[i] > 0) {
                double gone = dropped[k] - rx * logTx[m];
                ll = logAddExp(alive, gone);
                w = Math.exp(gone - ll);
            }
            double c = t.count[i];
            sum += c * (common[k] + ll);
            gR += c * (dR[k] - (1 - w) * logAge[j] - w * logTx[m]);
            gAlpha += c * (r / alpha - rx * ((1 - w) * invAge[j] + w * invTx[m]));
            gA += c * (dA[k] + w * invA);
            gB += c * (dB[k] - w * invB[k]);
        }
        gradient[0] = gR;
        gradient[1] = gAlpha;
        gradient[2] = gA;
        gradient[3] = gB;
        return sum;
    }

    /** P(alive | x, t_x, T) = 1 / (1 + [x &gt; 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)). */
    @Override
    public double probabilityAlive(int x, double tx, double age) {
        check(x, tx, age);
        if (x == 0) {
            return 1.0;
        }
        return 1.0 / (1.0 + Math.exp(logOddsDropped(x, tx, age)));
    }

    private double logOddsDropped(int x, double tx, double age) {
        return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
    }

    /**
     * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + [x
     * &gt; 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
     */
    @Override
    public double expectedPurchases(double t, int x, double tx, double age) {
        check(x, tx, age);
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t must not be negative, got " + t);
        }
        if (t == 0) {
            return 0;
        }
        if (Math.abs(a - 1) < NEAR_ONE) {
            return nearOne(m -> m.expectedPurchases(t, x, tx, age));
        }
        double c = a + b + x - 1;
        double z = t / (alpha + age + t);
        double bracket = 1 - Math.exp((r + x) * Math.log((alpha + age) / (alpha + age + t)))
                * Hypergeometric.hyp2f1(r + x, b + x, c, z);
        double denominator = x > 0 ? 1.0 + Math.exp(logOddsDropped(x, tx, age)) : 1.0;
        return c / (a - 1) * bracket / denominator;
    }

    /** E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]. */
    @Override
    public double expectedPurchasesOfNewCustomer(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t must not be negative, got " + t);
        }
        if (t == 0) {
            return 0;
        }
        if (Math.abs(a - 1) < NEAR_ONE) {
            return nearOne(m -> m.expectedPurchasesOfNewCustomer(t));
        }
        double c = a + b - 1;
        double bracket = 1
                - Math.exp(r * Math.log(alpha / (alpha + t))) * Hypergeometric.hyp2f1(r, b, c, t / (alpha + t));
        return c / (a - 1) * bracket;
    }

    /**
     * At a = 1 the expectations are 0/0 (both (a−1) and the bracket vanish) though the function is smooth there. Within
     * {@value #NEAR_ONE} of it the bracket loses digits, so the value is the mean of the two sides at a = 1 ± 2·{@value
     * #NEAR_ONE}, exact to about 1e-9 relative.
     */
    private static final double NEAR_ONE = 1e-5;

    private double nearOne(ToDoubleFunction<BgNbdModel> f) {
        return 0.5 * (f.applyAsDouble(new BgNbdModel(r, alpha, 1 - 2 * NEAR_ONE, b))
                + f.applyAsDouble(new BgNbdModel(r, alpha, 1 + 2 * NEAR_ONE, b)));
    }

    static void check(int x, double tx, double age) {
        if (x < 0 || !(tx >= 0) || !(age >= tx) || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("invalid summary: x=" + x + ", t_x=" + tx + ", T=" + age);
        }
    }
}
