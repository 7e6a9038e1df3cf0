package org.lifecycle.campaign.runtime;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Sweeps run by the test, in an application (and so a database) of its own, so that it can count every row a sweep
 * wrote.
 */
public class BulkSweeps implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lifecycle.runtime.sweeper-enabled", "false", "lifecycle.runtime.step-batch-size", "1000");
    }
}
