package org.lifecycle.campaign.runtime.service;

import java.math.BigDecimal;

import org.lifecycle.campaign.journey.offer.OfferTiers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The win-back offer's tiers ({@code lifecycle.offers.*}): value bands in the store's currency (predicted lifetime
 * value, else revenue so far) and likelihood bands (probability of buying again, else orders so far).
 */
@ConfigMapping(prefix = "lifecycle.offers")
public interface OfferSettings {

    /** From this value on, a customer is high value. */
    @WithDefault("500")
    BigDecimal highValue();

    /** From this value on (below high), medium value; below, low. */
    @WithDefault("150")
    BigDecimal mediumValue();

    /** From this probability of buying again on, likely to return. */
    @WithDefault("0.5")
    BigDecimal likely();

    /** From this probability on (below likely), uncertain; below, unlikely. */
    @WithDefault("0.2")
    BigDecimal uncertain();

    /** Without a prediction: from this many orders on, likely. */
    @WithDefault("4")
    int likelyOrders();

    /** Without a prediction: from this many orders on (below likely), uncertain. */
    @WithDefault("2")
    int uncertainOrders();

    default OfferTiers tiers() {
        return new OfferTiers(highValue(), mediumValue(), likely(), uncertain(), likelyOrders(), uncertainOrders());
    }
}
