package org.lifecycle.campaign.journey.offer;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where the bands of the win-back offer start. Values are in the store's currency, so each store sets its own.
 *
 * @param highValue a customer worth at least this much is of high value
 * @param mediumValue at least this much (and less than {@code highValue}) is medium value; below is low
 * @param likely a probability of buying again of at least this is likely
 * @param uncertain at least this (and less than {@code likely}) is uncertain; below is unlikely
 * @param likelyOrders without a prediction, at least this many orders count as likely
 * @param uncertainOrders without a prediction, at least this many (and fewer than {@code likelyOrders}) count as
 *        uncertain
 */
public record OfferTiers(
        BigDecimal highValue,
        BigDecimal mediumValue,
        BigDecimal likely,
        BigDecimal uncertain,
        int likelyOrders,
        int uncertainOrders) {

    public OfferTiers {
        Objects.requireNonNull(highValue, "highValue");
        Objects.requireNonNull(mediumValue, "mediumValue");
        Objects.requireNonNull(likely, "likely");
        Objects.requireNonNull(uncertain, "uncertain");
        if (mediumValue.signum() < 0 || highValue.compareTo(mediumValue) <= 0) {
            throw new IllegalArgumentException("expected 0 <= mediumValue < highValue");
        }
        if (uncertain.signum() < 0 || likely.compareTo(uncertain) <= 0 || likely.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("expected 0 <= uncertain < likely <= 1");
        }
        if (uncertainOrders < 0 || likelyOrders <= uncertainOrders) {
            throw new IllegalArgumentException("expected 0 <= uncertainOrders < likelyOrders");
        }
    }

    /** Value 500 and 150; probability 0.5 and 0.2; 4 and 2 orders. */
    public static OfferTiers defaults() {
        return new OfferTiers(new BigDecimal("500"), new BigDecimal("150"), new BigDecimal("0.5"),
                new BigDecimal("0.2"), 4, 2);
    }
}
