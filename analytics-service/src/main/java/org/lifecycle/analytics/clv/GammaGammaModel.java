package org.lifecycle.analytics.clv;

import java.util.Collection;

import org.lifecycle.analytics.clv.math.Minimizer;

import static org.lifecycle.analytics.clv.math.SpecialFunctions.digamma;
import static org.lifecycle.analytics.clv.math.SpecialFunctions.logGamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"): a customer's purchase
 * values are Gamma(p, ν) around their own mean p/ν, with ν ~ Gamma(q, γ) across customers, independent of the purchase
 * process.
 *
 * <p>
 * The mean zbar of x purchases is then Gamma(px, xν), and the likelihood of one repeat buyer is f(zbar | x) = Γ(px+q) /
 * (Γ(px) Γ(q)) · γ^q x^(px) zbar^(px−1) / (γ + x·zbar)^(px+q).
 *
 * @param p shape of a purchase value around the customer's mean
 * @param q shape of the customers' rates ν
 * @param gamma scale of the customers' rates ν
 */
public record GammaGammaModel(double p, double q, double gamma) {

    public GammaGammaModel {
        for (double v : new double[]{p, q, gamma}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "Gamma-Gamma parameters must be positive and finite: p=" + p + ", q=" + q + ", gamma=" + gamma);
            }
        }
    }

    /** Fits the model to the repeat buyers among these customers by maximum likelihood. */
    public static ModelFit<GammaGammaModel> fit(Collection<CustomerSummary> customers) {
        return fit(SpendTable.of(customers));
    }

    /** Fits the model to these repeat buyers by maximum likelihood. */
    public static ModelFit<GammaGammaModel> fit(SpendTable table) {
        double n = table.totalCount;
        double mean = 0;
        for (int i = 0; i < table.size; i++) {
            mean += table.count[i] * table.meanValue[i];
        }
        mean /= n;
        double[] start = {0, Math.log(2), Math.log(mean)};
        Minimizer.Result res = Minimizer.minimize((Minimizer.Differentiable) (v, gradient) -> {
            double[] theta = {Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2])};
            double ll = logLikelihood(table, theta[0], theta[1], theta[2], gradient);
            for (int i = 0; i < 3; i++) {
                gradient[i] *= -theta[i] / n;
            }
            return -ll / n;
        }, start, ModelFit.LOG_PARAMETER_BOUND);
        double[] v = res.point();
        GammaGammaModel m = new GammaGammaModel(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]));
        return new ModelFit<>(m, -res.value() * n, table.customers(), res.iterations(), res.evaluations(),
                res.converged());
    }

    /** Log-likelihood of these repeat buyers' mean spends under the model's parameters. */
    public double logLikelihood(SpendTable buyers) {
        return logLikelihood(buyers, p, q, gamma);
    }

    static double logLikelihood(SpendTable t, double p, double q, double gamma) {
        return logLikelihood(t, p, q, gamma, null);
    }

    /**
     * The log-likelihood and, when {@code gradient} is given, its derivatives: ∂/∂p = x (ψ(px+q) − ψ(px) + ln zbar +
     * ln x − ln(γ+x·zbar)), ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+x·zbar), ∂/∂γ = q/γ − (px+q)/(γ+x·zbar).
     */
    static double logLikelihood(SpendTable t, double p, double q, double gamma, double[] gradient) {
        double logGammaScale = Math.log(gamma);
        double base = q * logGammaScale - logGamma(q);
        int nx = t.xValues.length;
        double[] common = new double[nx];
        double[] dP = new double[nx];
        double[] dQ = new double[nx];
        double psiQ = gradient == null ? 0 : digamma(q);
        for (int k = 0; k < nx; k++) {
            int x = t.xValues[k];
            double logX = Math.log(x);
            common[k] = logGamma(p * x + q) - logGamma(p * x) + base + p * x * logX;
            if (gradient != null) {
                double psiPxQ = digamma(p * x + q);
                dP[k] = x * (psiPxQ - digamma(p * x) + logX);
                dQ[k] = psiPxQ - psiQ + logGammaScale;
            }
        }
        double sum = 0;
        double gP = 0;
        double gQ = 0;
        double gGamma = 0;
        for (int i = 0; i < t.size; i++) {
            int x = t.x[i];
            double px = p * x;
            double total = gamma + x * t.meanValue[i];
            double logTotal = Math.log(total);
            double c = t.count[i];
            sum += c * (common[t.xIndex[i]] + (px - 1) * t.logMeanValue[i] - (px + q) * logTotal);
            if (gradient != null) {
                gP += c * (dP[t.xIndex[i]] + x * (t.logMeanValue[i] - logTotal));
                gQ += c * (dQ[t.xIndex[i]] - logTotal);
                gGamma += c * (q / gamma - (px + q) / total);
            }
        }
        if (gradient != null) {
            gradient[0] = gP;
            gradient[1] = gQ;
            gradient[2] = gGamma;
        }
        return sum;
    }

    /**
     * E[M | x, zbar] = (γ + x·zbar) p / (px + q − 1): the expected value of this customer's future purchases, a weighted
     * mean of the population mean pγ/(q−1) and the customer's own zbar. With x = 0 it is the population mean.
     *
     * @throws IllegalStateException if q ≤ 1 (the population mean is infinite)
     */
    public double expectedValue(int x, double meanRepeatValue) {
        if (x < 0 || !(meanRepeatValue >= 0)) {
            throw new IllegalArgumentException("need x >= 0 and zbar >= 0, got x=" + x + ", zbar=" + meanRepeatValue);
        }
        if (q <= 1) {
            throw new IllegalStateException("the mean purchase value is infinite when q <= 1 (q=" + q + ")");
        }
        return (gamma + x * meanRepeatValue) * p / (p * x + q - 1);
    }

    /** E[M | x, zbar] of this customer. */
    public double expectedValue(CustomerSummary c) {
        return expectedValue(c.frequency(), c.meanRepeatValue());
    }

    /** pγ / (q − 1), the mean purchase value across customers. */
    public double populationMeanValue() {
        return expectedValue(0, 0);
    }
}
