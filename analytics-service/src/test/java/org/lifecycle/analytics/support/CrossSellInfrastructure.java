package org.lifecycle.analytics.support;

import java.util.HashMap;
import java.util.Map;

/**
 * A database and topics of their own for the cross-sell tests, so the rules count only their orders; every pair
 * counts (no minimum), and orders of more than 6 products are left out.
 */
public class CrossSellInfrastructure extends IsolatedInfrastructure {

    public static final int MAX_BASKET = 6;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lifecycle.analytics.cross-sell.min-support", "0");
        config.put("lifecycle.analytics.cross-sell.min-confidence", "0");
        config.put("lifecycle.analytics.cross-sell.min-pair-orders", "1");
        config.put("lifecycle.analytics.cross-sell.max-basket-products", Integer.toString(MAX_BASKET));
        return config;
    }
}
