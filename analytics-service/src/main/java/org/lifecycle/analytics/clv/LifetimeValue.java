package org.lifecycle.analytics.clv;

import java.util.Objects;

/**
 * Predicted lifetime value: the discounted value of a customer's purchases over a horizon.
 *
 * <p>
 * The horizon is cut into K periods of length Δ (in the model's time unit). The purchases expected in period k are
 * E[Y(kΔ)] − E[Y((k−1)Δ)] from the purchase model, each worth E[M] from the Gamma-Gamma model, and they are
 * discounted to today at the end of their period:
 *
 * <pre>
 * CLV = E[M | x, zbar] · Σ_{k=1..K} (E[Y(kΔ) | x, t_x, T] − E[Y((k−1)Δ) | x, t_x, T]) / (1 + d)^k
 * </pre>
 *
 * where d is the discount rate per period. With d = 0 it is E[M] · E[Y(KΔ)], the undiscounted value.
 *
 * @param periodLength Δ, in the model's time unit (e.g. 52/12 weeks for a month)
 * @param periods K
 * @param discountRatePerPeriod d
 */
public record LifetimeValue(double periodLength, int periods, double discountRatePerPeriod) {

    public LifetimeValue {
        if (!(periodLength > 0) || Double.isInfinite(periodLength)) {
            throw new IllegalArgumentException("periodLength must be positive, got " + periodLength);
        }
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be at least 1, got " + periods);
        }
        if (!(discountRatePerPeriod > -1) || Double.isInfinite(discountRatePerPeriod)) {
            throw new IllegalArgumentException("discountRatePerPeriod must be above -1, got " + discountRatePerPeriod);
        }
    }

    /**
     * Monthly periods over {@code months} months with an annual discount rate, converted to the equivalent monthly rate
     * (1 + annual)^(1/12) − 1; time unit of {@code daysPerUnit} days (7 for weeks).
     */
    public static LifetimeValue monthly(int months, double annualDiscountRate, double daysPerUnit) {
        if (!(annualDiscountRate > -1)) {
            throw new IllegalArgumentException("annualDiscountRate must be above -1, got " + annualDiscountRate);
        }
        return new LifetimeValue(365.25 / 12 / daysPerUnit, months, Math.pow(1 + annualDiscountRate, 1.0 / 12) - 1);
    }

    /** The predicted lifetime value of this customer. */
    public double of(PurchaseModel purchases, GammaGammaModel spend, CustomerSummary c) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        return spend.expectedValue(c) * discountedPurchases(purchases, c);
    }

    /** Σ_k (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1 + d)^k for this customer. */
    public double discountedPurchases(PurchaseModel purchases, CustomerSummary c) {
        double total = 0;
        double previous = 0;
        double discount = 1;
        for (int k = 1; k <= periods; k++) {
            double cumulative = purchases.expectedPurchases(k * periodLength, c);
            discount /= 1 + discountRatePerPeriod;
            total += (cumulative - previous) * discount;
            previous = cumulative;
        }
        return total;
    }
}
