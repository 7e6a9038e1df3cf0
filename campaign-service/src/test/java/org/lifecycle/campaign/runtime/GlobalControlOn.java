package org.lifecycle.campaign.runtime;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application with a global control group of 30% of all customers (salt {@code test}). */
public class GlobalControlOn implements QuarkusTestProfile {

    static final String PERCENT = "30";
    static final String SALT = "test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lifecycle.runtime.global-control-percent", PERCENT, "lifecycle.runtime.global-control-salt",
                SALT);
    }
}
