package org.lifecycle.campaign.runtime.service;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where cross-sell recommendations come from ({@code lifecycle.cross-sell.*}). */
@ConfigMapping(prefix = "lifecycle.cross-sell")
public interface CrossSellSettings {

    /**
     * analytics-service's base URL (e.g. {@code http://analytics-service:8084}); without it, recommendations are the
     * best sellers this service counted.
     */
    Optional<String> analyticsUrl();

    /** How long a product's co-purchases (and analytics' best sellers) are used before they are asked for again. */
    @WithDefault("10m")
    Duration refreshInterval();

    /** After a failed request, how long to use what is cached (or the fallback) before asking again. */
    @WithDefault("1m")
    Duration failureBackoff();

    /** How long one request to analytics may take. */
    @WithDefault("2s")
    Duration timeout();

    /** How many co-purchased products to ask for per product. */
    @WithDefault("12")
    int perProduct();
}
