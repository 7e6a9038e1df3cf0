package org.lifecycle.analytics.prediction.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.lifecycle.analytics.clv.BgNbdModel;
import org.lifecycle.analytics.clv.CalibrationWindow;
import org.lifecycle.analytics.clv.CustomerPrediction;
import org.lifecycle.analytics.clv.CustomerSummaries;
import org.lifecycle.analytics.clv.CustomerSummary;
import org.lifecycle.analytics.clv.CustomerValueModel;
import org.lifecycle.analytics.clv.GammaGammaModel;
import org.lifecycle.analytics.clv.LifetimeValue;
import org.lifecycle.analytics.clv.ModelFit;
import org.lifecycle.analytics.clv.ParetoNbdModel;
import org.lifecycle.analytics.clv.PurchaseModel;
import org.lifecycle.analytics.clv.SummaryTable;
import org.lifecycle.analytics.clv.Transaction;

/**
 * One fit of the purchase and spend models on a store's orders and every customer's predictions from it: plain code,
 * no I/O, reporting its progress to a listener.
 *
 * <p>
 * The purchase model must converge, or there is nothing to predict. Gamma-Gamma may not (too few repeat buyers, or
 * spend correlated with frequency so that q ≤ 1): then probability alive and expected purchases are still predicted,
 * and expected order value and lifetime value are left out.
 */
public final class ModelRun {

    /** Told what the run is doing and how far it is, from 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void report(double fraction, String phase);
    }

    /** What a run found. {@code spend} is null when Gamma-Gamma could not be fitted at all. */
    public record Result(List<CustomerSummary> customers, ModelFit<? extends PurchaseModel> purchases,
            ModelFit<GammaGammaModel> spend, String spendFailure, List<CustomerPrediction> predictions) {

        public long repeatBuyers() {
            return customers.stream().filter(c -> c.frequency() > 0).count();
        }

        public boolean spendUsable() {
            return spend != null && spend.converged();
        }
    }

    private ModelRun() {
    }

    /**
     * @throws IllegalArgumentException if no customer of the window bought twice
     */
    public static Result run(Collection<Transaction> orders, CalibrationWindow window, CustomerValueModel.Kind kind,
            double horizonDays, LifetimeValue lifetime, Progress progress) {
        progress.report(0.1, "summarising " + orders.size() + " orders");
        List<CustomerSummary> customers = CustomerSummaries.of(orders, window);
        progress.report(0.15, "fitting " + kind + " on " + customers.size() + " customers");
        SummaryTable table = SummaryTable.of(customers);
        ModelFit<? extends PurchaseModel> purchases = switch (kind) {
            case BG_NBD -> BgNbdModel.fit(table);
            case PARETO_NBD -> ParetoNbdModel.fit(table);
        };
        if (!purchases.converged()) {
            return new Result(customers, purchases, null, null, List.of());
        }
        progress.report(0.55, "fitting Gamma-Gamma");
        ModelFit<GammaGammaModel> spend = null;
        String spendFailure = null;
        try {
            spend = GammaGammaModel.fit(customers);
            if (!spend.converged()) {
                spendFailure = "Gamma-Gamma did not converge";
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            spendFailure = e.getMessage();
        }
        List<CustomerPrediction> predictions = new ArrayList<>(customers.size());
        int step = Math.max(1, customers.size() / 10);
        for (int i = 0; i < customers.size(); i++) {
            CustomerSummary customer = customers.get(i);
            if (spendFailure == null) {
                predictions.add(new CustomerValueModel(purchases.model(), spend.model(), window.daysPerUnit())
                        .predict(customer, horizonDays, lifetime));
            } else {
                PurchaseModel model = purchases.model();
                predictions.add(new CustomerPrediction(customer.customerId(), model.probabilityAlive(customer),
                        model.expectedPurchases(horizonDays / window.daysPerUnit(), customer), Double.NaN,
                        Double.NaN));
            }
            if (i % step == step - 1) {
                progress.report(0.6 + 0.2 * (i + 1) / customers.size(), "predicting " + (i + 1) + " of "
                        + customers.size() + " customers");
            }
        }
        return new Result(customers, purchases, spend, spendFailure, predictions);
    }
}
