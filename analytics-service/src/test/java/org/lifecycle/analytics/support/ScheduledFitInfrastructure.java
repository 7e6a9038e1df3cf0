package org.lifecycle.analytics.support;

import java.util.HashMap;
import java.util.Map;

/** Own database and topics, with fits started by arriving orders: checked every 300 ms, from 200 new orders. */
public class ScheduledFitInfrastructure extends IsolatedInfrastructure {

    public static final int MIN_NEW_ORDERS = 200;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lifecycle.analytics.predictions.check-interval", "300ms");
        config.put("lifecycle.analytics.predictions.min-new-orders", Integer.toString(MIN_NEW_ORDERS));
        return config;
    }
}
