package org.lifecycle.analytics.crosssell.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the association rules "customers who bought X also bought Y". */
@ConfigMapping(prefix = "lifecycle.analytics.cross-sell")
public interface CrossSellConfig {

    /** A rule needs at least this share of all orders to hold both products. */
    @WithDefault("0.0005")
    double minSupport();

    /** A rule X → Y needs at least this share of X's orders to hold Y. */
    @WithDefault("0.05")
    double minConfidence();

    /** A rule needs at least this many orders holding both products, however large the store. */
    @WithDefault("2")
    long minPairOrders();

    /**
     * Orders with more distinct products than this (wholesale restocking, imports of a whole catalogue) are left out
     * of the rules: they relate everything with everything and cost n² pair updates.
     */
    @WithDefault("100")
    int maxBasketProducts();

    /** Recommendations returned when the request names no limit. */
    @WithDefault("10")
    int defaultLimit();
}
