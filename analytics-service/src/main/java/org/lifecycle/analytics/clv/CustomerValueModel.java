package org.lifecycle.analytics.clv;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A store's fitted purchase and spend models, and the per-customer predictions made from them: the entry point for a
 * service. Fit it on the store's orders in a calibration window, then ask for each customer's probability of being
 * alive, expected purchases in the next days, expected order value and lifetime value.
 *
 * @param purchases the purchase model (BG/NBD or Pareto/NBD), time in the window's unit
 * @param spend the spend-per-purchase model
 * @param daysPerUnit the length of the models' time unit in days
 */
public record CustomerValueModel(PurchaseModel purchases, GammaGammaModel spend, double daysPerUnit) {

    /** Which purchase model to fit. */
    public enum Kind {
        BG_NBD, PARETO_NBD
    }

    public CustomerValueModel {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        if (!(daysPerUnit > 0)) {
            throw new IllegalArgumentException("daysPerUnit must be positive, got " + daysPerUnit);
        }
    }

    /** Summarises the orders over the window and fits both models to them. */
    public static CustomerValueModel fit(Collection<Transaction> orders, CalibrationWindow window, Kind kind) {
        return fit(CustomerSummaries.of(orders, window), window.daysPerUnit(), kind);
    }

    /**
     * Fits both models to these summaries (time in units of {@code daysPerUnit} days).
     *
     * @throws IllegalArgumentException if no customer bought twice
     * @throws IllegalStateException if the data do not determine a model's parameters
     */
    public static CustomerValueModel fit(List<CustomerSummary> customers, double daysPerUnit, Kind kind) {
        SummaryTable table = SummaryTable.of(customers);
        ModelFit<? extends PurchaseModel> purchases = switch (kind) {
            case BG_NBD -> BgNbdModel.fit(table);
            case PARETO_NBD -> ParetoNbdModel.fit(table);
        };
        ModelFit<GammaGammaModel> spend = GammaGammaModel.fit(customers);
        for (ModelFit<?> fit : List.of(purchases, spend)) {
            if (!fit.converged()) {
                throw new IllegalStateException("the order history does not determine the model: " + fit.model()
                        + " did not converge");
            }
        }
        return new CustomerValueModel(purchases.model(), spend.model(), daysPerUnit);
    }

    /**
     * The predictions for one customer.
     *
     * @param customer their calibration summary
     * @param horizonDays the horizon of the expected purchases, in days
     * @param lifetime the horizon and discount rate of the lifetime value, in the models' time unit
     */
    public CustomerPrediction predict(CustomerSummary customer, double horizonDays, LifetimeValue lifetime) {
        double orderValue = spend.expectedValue(customer);
        return new CustomerPrediction(customer.customerId(), purchases.probabilityAlive(customer),
                purchases.expectedPurchases(horizonDays / daysPerUnit, customer), orderValue,
                orderValue * lifetime.discountedPurchases(purchases, customer));
    }
}
