package org.lifecycle.analytics.clv;

import java.util.Collection;

import org.lifecycle.analytics.clv.math.GaussLegendre;
import org.lifecycle.analytics.clv.math.Hypergeometric;
import org.lifecycle.analytics.clv.math.Minimizer;

import static org.lifecycle.analytics.clv.math.SpecialFunctions.logAddExp;
import static org.lifecycle.analytics.clv.math.SpecialFunctions.logGamma;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while alive a customer buys at a Poisson rate λ ~
 * Gamma(r, α) and stays alive for an exponential lifetime of rate μ ~ Gamma(s, β).
 *
 * <p>
 * Likelihood of one customer: L = Γ(r+x) α^r β^s / Γ(r) · [1 / ((α+T)^(r+x) (β+T)^s) + s · I], where I = ∫ from t_x to
 * T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ is the chance of dying between the last purchase and T. With m = max(α, β) and
 * F(τ) = ₂F₁(r+s+x, b'; r+s+x+1; |α−β|/(m+τ)) / (m+τ)^(r+s+x), where b' = s+1 if α ≥ β and r+x otherwise, I = (F(t_x)
 * − F(T)) / (r+s+x) (Fader and Hardie's form). The difference is taken in logs as F(t_x)·(1 − e^(ln F(T) − ln F(t_x))).
 * When |α−β|/(m+t_x) is close to 1 the series for ₂F₁ converges slowly, and I is then integrated directly by
 * composite Gauss–Legendre quadrature in ln(min(α, β)+τ), where the integrand is smooth.
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta) implements PurchaseModel {

    private static final GaussLegendre RULE = new GaussLegendre(12);

    public ParetoNbdModel {
        for (double v : new double[]{r, alpha, s, beta}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite: r=" + r
                        + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta);
            }
        }
    }

    /** Fits the model to these customers by maximum likelihood. */
    public static ModelFit<ParetoNbdModel> fit(Collection<CustomerSummary> customers) {
        return fit(SummaryTable.of(customers));
    }

    /** Fits the model to these customers by maximum likelihood. */
    public static ModelFit<ParetoNbdModel> fit(SummaryTable table) {
        table.requireRepeatPurchases();
        double n = table.totalCount;
        double scale = Math.log(BgNbdModel.rateScale(table));
        double[] start = {0, scale, 0, scale};
        Minimizer.Result res = Minimizer.minimize(p -> -logLikelihood(table, Math.exp(p[0]), Math.exp(p[1]),
                Math.exp(p[2]), Math.exp(p[3])) / n, start, ModelFit.LOG_PARAMETER_BOUND);
        double[] p = res.point();
        ParetoNbdModel m = new ParetoNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new ModelFit<>(m, -res.value() * n, table.customers(), res.iterations(), res.evaluations(),
                res.converged());
    }

    @Override
    public double logLikelihood(SummaryTable customers) {
        return logLikelihood(customers, r, alpha, s, beta);
    }

    static double logLikelihood(SummaryTable t, double r, double alpha, double s, double beta) {
        double lgR = logGamma(r);
        double base = r * Math.log(alpha) + s * Math.log(beta) - lgR;
        double logS = Math.log(s);
        int nx = t.xValues.length;
        double[] common = new double[nx];
        double[] logA = new double[nx];
        for (int k = 0; k < nx; k++) {
            common[k] = logGamma(r + t.xValues[k]) + base;
            logA[k] = Math.log(r + s + t.xValues[k]);
        }
        double[] logAlphaAge = new double[t.ageValues.length];
        double[] logBetaAge = new double[t.ageValues.length];
        for (int k = 0; k < logAlphaAge.length; k++) {
            logAlphaAge[k] = Math.log(alpha + t.ageValues[k]);
            logBetaAge[k] = Math.log(beta + t.ageValues[k]);
        }
        double[] logFTx = new double[t.xTxPairX.length];
        for (int k = 0; k < logFTx.length; k++) {
            logFTx[k] = logTail(r, alpha, s, beta, t.xTxPairX[k], t.xTxPairT[k]);
        }
        double[] logFAge = new double[t.xAgePairX.length];
        for (int k = 0; k < logFAge.length; k++) {
            logFAge[k] = logTail(r, alpha, s, beta, t.xAgePairX[k], t.xAgePairT[k]);
        }
        double sum = 0;
        for (int i = 0; i < t.size; i++) {
            int x = t.x[i];
            double alive = -(r + x) * logAlphaAge[t.ageIndex[i]] - s * logBetaAge[t.ageIndex[i]];
            double fTx = logFTx[t.xTxIndex[i]];
            double d = logFAge[t.xAgeIndex[i]] - fTx;
            double ll;
            if (!(t.tx[i] < t.age[i])) {
                ll = alive;
            } else if (d < -1e-9) {
                // ln(e^alive + s·I) with s·I = e^G(t_x) (1 − e^d), G = ln s − ln(r+s+x) + ln F: three
                // transcendental calls per row, the hot loop of the fit.
                double gTx = fTx + logS - logA[t.xIndex[i]];
                double died = -Math.expm1(d);
                double u = alive - gTx;
                ll = u > 0 ? alive + Math.log1p(died * Math.exp(-u)) : gTx + Math.log(Math.exp(u) + died);
            } else {
                ll = logAddExp(alive, logS + logIntegral(r, alpha, s, beta, x, t.tx[i], t.age[i]));
            }
            sum += t.count[i] * (common[t.xIndex[i]] + ll);
        }
        return sum;
    }

    /** ln F(τ) with the series, or NaN where the series would be slow. */
    private static double logTail(double r, double alpha, double s, double beta, int x, double tau) {
        double a = r + s + x;
        double m = Math.max(alpha, beta);
        double z = Math.abs(alpha - beta) / (m + tau);
        if (!Hypergeometric.seriesIsFast(z)) {
            return Double.NaN;
        }
        double bPrime = alpha >= beta ? s + 1 : r + x;
        return -a * Math.log(m + tau) + Math.log(Hypergeometric.hyp2f1(a, bPrime, a + 1, z));
    }

    /** ln I, I = ∫ from t_x to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ; −∞ when t_x = T. */
    private static double logDied(double r, double alpha, double s, double beta, int x, double tx, double age,
            double logFTx, double logFAge) {
        if (!(tx < age)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!Double.isNaN(logFTx) && !Double.isNaN(logFAge)) {
            double d = logFAge - logFTx;
            if (d < -1e-9) {
                return logFTx + Math.log(-Math.expm1(d)) - Math.log(r + s + x);
            }
        }
        return logIntegral(r, alpha, s, beta, x, tx, age);
    }

    /** ln I by composite Gauss–Legendre quadrature in w = ln(min(α, β) + τ), each panel narrow enough for the rule. */
    static double logIntegral(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double shift = Math.min(alpha, beta);
        double lo = Math.log(shift + tx);
        double hi = Math.log(shift + age);
        double steepness = r + x + s + 1;
        int panels = (int) Math.ceil((hi - lo) * Math.max(4, steepness));
        panels = Math.max(1, Math.min(panels, 5_000));
        double width = (hi - lo) / panels;
        int points = RULE.points();
        double[] logTerms = new double[panels * points];
        double max = Double.NEGATIVE_INFINITY;
        int j = 0;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * width;
            for (int i = 0; i < points; i++) {
                double w = mid + 0.5 * width * RULE.node(i);
                double tau = Math.exp(w) - shift;
                double v = Math.log(RULE.weight(i) * 0.5 * width) + w - (r + x) * Math.log(alpha + tau)
                        - (s + 1) * Math.log(beta + tau);
                logTerms[j++] = v;
                max = Math.max(max, v);
            }
        }
        double sum = 0;
        for (double v : logTerms) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** ln of the "still alive" and "died in (t_x, T]" parts of one customer's likelihood, without common factors. */
    private double[] parts(int x, double tx, double age) {
        double alive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double died = Math.log(s) + logDied(r, alpha, s, beta, x, tx, age, logTail(r, alpha, s, beta, x, tx),
                logTail(r, alpha, s, beta, x, age));
        return new double[]{alive, died};
    }

    /** P(alive | x, t_x, T) = the "still alive" part of the likelihood over the whole. */
    @Override
    public double probabilityAlive(int x, double tx, double age) {
        BgNbdModel.check(x, tx, age);
        double[] p = parts(x, tx, age);
        return Math.exp(p[0] - logAddExp(p[0], p[1]));
    }

    /**
     * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), with the limit (r+x)(β+T)
     * / (α+T) · ln((β+T+t)/(β+T)) · P(alive) at s = 1.
     */
    @Override
    public double expectedPurchases(double t, int x, double tx, double age) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t must not be negative, got " + t);
        }
        return (r + x) / (alpha + age) * (beta + age) * survivalIntegral(t, beta + age)
                * probabilityAlive(x, tx, age);
    }

    /** E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
    @Override
    public double expectedPurchasesOfNewCustomer(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t must not be negative, got " + t);
        }
        return r / alpha * beta * survivalIntegral(t, beta);
    }

    /** [1 − (c/(c+t))^(s−1)] / (s−1), continuous through s = 1 where it is ln((c+t)/c). */
    private double survivalIntegral(double t, double c) {
        double log = Math.log1p(t / c);
        double k = s - 1;
        return Math.abs(k) < 1e-12 ? log : -Math.expm1(-k * log) / k;
    }
}
