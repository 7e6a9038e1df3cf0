package org.lifecycle.analytics.prediction.service;

import java.time.Duration;

import org.lifecycle.analytics.clv.CustomerValueModel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How and when customer value predictions are fitted and published. */
@ConfigMapping(prefix = "lifecycle.analytics.predictions")
public interface PredictionConfig {

    /** The purchase model: BG_NBD or PARETO_NBD (spend is always Gamma-Gamma). */
    @WithDefault("BG_NBD")
    CustomerValueModel.Kind model();

    /** Days of order history the models are fitted on, ending with the latest order's day. */
    @WithDefault("730")
    int calibrationDays();

    /** The models' time unit in days (7: weeks). */
    @WithDefault("7")
    double daysPerUnit();

    /** Horizon of the expected purchases, in days. */
    @WithDefault("90")
    int horizonDays();

    /** Horizon of the predicted lifetime value, in months. */
    @WithDefault("12")
    int lifetimeMonths();

    /** Yearly discount rate of the predicted lifetime value. */
    @WithDefault("0.10")
    double discountRate();

    /** How often the service looks for new orders to fit on; set to 0 to fit only when asked. */
    @WithDefault("1m")
    Duration checkInterval();

    /** New orders since the last fit that start a new one, once no order has arrived for one check interval. */
    @WithDefault("100")
    long minNewOrders();

    /** A fit also starts when this long has passed since the last one and any order arrived since. */
    @WithDefault("24h")
    Duration refreshInterval();

    /** A running fit whose heartbeat is older than this is taken as dead (its replica stopped) and marked failed. */
    @WithDefault("10m")
    Duration staleAfter();

    /** A customer's prediction is published again when P(alive) moved by at least this much. */
    @WithDefault("0.01")
    double minAliveChange();

    /** ... or when expected purchases or lifetime value changed by at least this fraction. */
    @WithDefault("0.05")
    double minRelativeChange();

    /** How often the outbox relay looks for records to send. */
    @WithDefault("1s")
    Duration relayInterval();

    /** Outbox records sent per relay round. */
    @WithDefault("500")
    int relayBatch();
}
