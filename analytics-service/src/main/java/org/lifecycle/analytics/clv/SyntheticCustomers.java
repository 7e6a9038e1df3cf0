package org.lifecycle.analytics.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic order histories drawn from the BG/NBD (or Pareto/NBD) and Gamma-Gamma generative processes,
 * summarised the way real orders are: purchases fall on whole days and two on the same day are one purchase.
 *
 * <p>
 * Each customer first buys on a day drawn uniformly from the acquisition period [0, acquisitionDays); the calibration
 * period ends on day {@code endDay}. The customer draws λ ~ Gamma(r, rate α) (per time unit) and ν ~ Gamma(q, rate γ),
 * and buys after Exp(λ) waiting times while alive. Under BG/NBD they draw p ~ Beta(a, b) and drop out with probability
 * p after each repeat purchase; under Pareto/NBD they draw μ ~ Gamma(s, rate β) and live for an Exp(μ) time. Each
 * purchase is worth a Gamma(p_spend, rate ν) draw. The same seed gives the same customers.
 */
public final class SyntheticCustomers {

    /** Receives one customer's summary. */
    @FunctionalInterface
    public interface Sink {
        void accept(int frequency, double recency, double age, double meanRepeatValue);
    }

    private final PurchaseModel purchases;
    private final GammaGammaModel spend;
    private final int acquisitionDays;
    private final int endDay;
    private final double daysPerUnit;

    /**
     * @param purchases the true purchase process, a {@link BgNbdModel} or a {@link ParetoNbdModel} (rates per time unit)
     * @param spend the true spend process
     * @param acquisitionDays customers first buy on a day in [0, acquisitionDays)
     * @param endDay last day of the calibration period (at least acquisitionDays − 1)
     * @param daysPerUnit the length of a time unit in days (7 for weeks)
     */
    public SyntheticCustomers(PurchaseModel purchases, GammaGammaModel spend, int acquisitionDays, int endDay,
            double daysPerUnit) {
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        if (!(purchases instanceof BgNbdModel || purchases instanceof ParetoNbdModel)) {
            throw new IllegalArgumentException("no generator for " + purchases.getClass().getSimpleName());
        }
        this.spend = Objects.requireNonNull(spend, "spend");
        if (acquisitionDays < 1 || endDay < acquisitionDays - 1 || !(daysPerUnit > 0)) {
            throw new IllegalArgumentException("need acquisitionDays >= 1, endDay >= acquisitionDays - 1 and"
                    + " daysPerUnit > 0");
        }
        this.acquisitionDays = acquisitionDays;
        this.endDay = endDay;
        this.daysPerUnit = daysPerUnit;
    }

    /** Customers acquired over 12 weeks and observed for 39 weeks from the first day, in weeks (CDNOW's shape). */
    public static SyntheticCustomers weekly(PurchaseModel purchases, GammaGammaModel spend) {
        return new SyntheticCustomers(purchases, spend, 84, 272, 7);
    }

    /** {@code customers} customers from this seed, with ids {@code c0, c1, ...}. */
    public List<CustomerSummary> generate(int customers, long seed) {
        List<CustomerSummary> out = new ArrayList<>(customers);
        generate(customers, seed, (x, tx, age, zbar) -> out.add(
                new CustomerSummary("c" + out.size(), x, tx, age, zbar)));
        return out;
    }

    /** Streams {@code customers} customers from this seed to the sink, without keeping them. */
    public void generate(int customers, long seed, Sink sink) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < customers; i++) {
            one(random, sink);
        }
    }

    private void one(SplittableRandom random, Sink sink) {
        int firstDay = random.nextInt(acquisitionDays);
        double age = (endDay - firstDay) / daysPerUnit;
        double lambda;
        double dropout;
        double lifetime;
        if (purchases instanceof BgNbdModel m) {
            lambda = gamma(random, m.r()) / m.alpha();
            double g1 = gamma(random, m.a());
            dropout = g1 / (g1 + gamma(random, m.b()));
            lifetime = Double.POSITIVE_INFINITY;
        } else {
            ParetoNbdModel m = (ParetoNbdModel) purchases;
            lambda = gamma(random, m.r()) / m.alpha();
            dropout = 0;
            lifetime = -Math.log(1 - random.nextDouble()) / (gamma(random, m.s()) / m.beta());
        }
        double nu = gamma(random, spend.q()) / spend.gamma();
        double horizon = Math.min(age, lifetime);
        int x = 0;
        int lastDay = firstDay;
        double repeatValue = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            if (!(t <= horizon)) {
                break;
            }
            int day = firstDay + (int) Math.floor(t * daysPerUnit);
            if (day > endDay) {
                break;
            }
            if (day != lastDay) {
                x++;
                lastDay = day;
            }
            double value = gamma(random, spend.p()) / nu;
            if (x > 0) {
                repeatValue += value;
            }
            if (dropout > 0 && random.nextDouble() < dropout) {
                break;
            }
        }
        double recency = x == 0 ? 0 : (lastDay - firstDay) / daysPerUnit;
        sink.accept(x, recency, age, x == 0 ? 0 : repeatValue / x);
    }

    /** A Gamma(shape, 1) draw (Marsaglia and Tsang; shapes below 1 boosted by U^(1/shape)). */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
