package org.lifecycle.analytics.clv;

/**
 * What the models predict for one customer.
 *
 * @param customerId the customer
 * @param probabilityAlive P(the customer still buys) at the end of the calibration period
 * @param expectedPurchases purchases expected over the prediction horizon
 * @param expectedOrderValue the expected value of each of their future orders (Gamma-Gamma)
 * @param lifetimeValue the discounted value of their purchases over the lifetime-value horizon
 */
public record CustomerPrediction(String customerId, double probabilityAlive, double expectedPurchases,
        double expectedOrderValue, double lifetimeValue) {
}
