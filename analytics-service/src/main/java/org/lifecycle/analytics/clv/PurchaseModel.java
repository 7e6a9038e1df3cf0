package org.lifecycle.analytics.clv;

/**
 * A model of how many purchases a customer makes while alive and when they stop (BG/NBD, Pareto/NBD). Time is in the
 * calibration window's unit; x, t_x and T are a customer's {@link CustomerSummary}.
 */
public interface PurchaseModel {

    /** P(the customer is still alive at T | x, t_x, T). */
    double probabilityAlive(int x, double tx, double age);

    /** E[purchases in (T, T + t] | x, t_x, T]: the customer's expected purchases over the next t units. */
    double expectedPurchases(double t, int x, double tx, double age);

    /** E[X(t)]: expected repeat purchases of a customer in the first t units after their first purchase. */
    double expectedPurchasesOfNewCustomer(double t);

    /** Log-likelihood of these customers under the model's parameters. */
    double logLikelihood(SummaryTable customers);

    default double probabilityAlive(CustomerSummary c) {
        return probabilityAlive(c.frequency(), c.recency(), c.age());
    }

    default double expectedPurchases(double t, CustomerSummary c) {
        return expectedPurchases(t, c.frequency(), c.recency(), c.age());
    }
}
