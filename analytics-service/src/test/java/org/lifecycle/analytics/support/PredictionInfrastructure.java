package org.lifecycle.analytics.support;

import java.util.HashMap;
import java.util.Map;

/** A database and topics of their own for the prediction tests, so the fit sees only the orders they produce. */
public class PredictionInfrastructure extends IsolatedInfrastructure {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lifecycle.analytics.predictions.check-interval", "0");
        return config;
    }
}
