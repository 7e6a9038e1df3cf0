package org.lifecycle.campaign.runtime;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application without its background sweeper: the test runs sweeps itself, as several replicas would. */
public class ManualSweeps implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() { return Map.of("lifecycle.runtime.sweeper-enabled", "false"); }
}
