package org.lifecycle.ingestion.source.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the write keys are in memory: before that no request can be authenticated. */
@Readiness
@ApplicationScoped
public class WriteKeysReadinessCheck implements HealthCheck {

    private final WriteKeyRegistry registry;

    public WriteKeysReadinessCheck(WriteKeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Write keys").status(registry.loaded()).build();
    }
}
