package org.lifecycle.contracts.prediction;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;

/**
 * A value of {@code lifecycle.predictions}: a customer's predicted value from analytics' latest model fit on the
 * store's own orders. A record replaces every figure of the customer's previous one; it is published only when a
 * figure changed meaningfully, so the latest record per key is the customer's current prediction.
 *
 * @param occurredAt when the fit these figures come from finished
 * @param receivedAt when the record was written to the outbox
 * @param customer the customer's identity key ({@code userId}, else {@code anonymousId}); also the Kafka key
 * @param model the purchase and spend models, e.g. {@code bg-nbd+gamma-gamma} or {@code pareto-nbd+gamma-gamma}
 * @param modelVersion the fit's number, increasing by one per fit
 * @param probabilityAlive P(alive): probability that the customer still buys at the end of the calibration window
 * @param expectedPurchases expected number of orders in the next {@code purchaseHorizonDays}
 * @param purchaseHorizonDays the horizon of {@code expectedPurchases}, in days
 * @param expectedOrderValue expected value of one future order (Gamma-Gamma); {@code null} when it cannot be
 *        estimated (the spend model did not fit)
 * @param predictedLifetimeValue discounted value of the customer's expected orders over {@code lifetimeHorizonMonths};
 *        {@code null} when {@code expectedOrderValue} is
 * @param lifetimeHorizonMonths the horizon of {@code predictedLifetimeValue}, in months
 * @param annualDiscountRate the yearly discount rate of {@code predictedLifetimeValue}, e.g. 0.10
 * @param fittedAt when the model was fitted (same as {@code occurredAt})
 */
public record CustomerPrediction(
        String id,
        PredictionType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        String customer,
        String model,
        long modelVersion,
        double probabilityAlive,
        double expectedPurchases,
        int purchaseHorizonDays,
        Double expectedOrderValue,
        Double predictedLifetimeValue,
        int lifetimeHorizonMonths,
        double annualDiscountRate,
        Instant fittedAt) implements Envelope {

    public static final int VERSION = 1;

    public CustomerPrediction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fittedAt, "fittedAt");
    }

    /** The Kafka key: the customer's identity key. */
    @Override
    public String identityKey() {
        return customer;
    }
}
