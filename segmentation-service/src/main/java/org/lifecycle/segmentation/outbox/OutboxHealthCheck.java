package org.lifecycle.segmentation.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the relay thread runs; says whether this replica leads and the last error it met. */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxSettings settings;

    public OutboxHealthCheck(OutboxRelay relay, OutboxSettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("Outbox relay")
                .status(!settings.relayEnabled() || relay.isRunning())
                .withData("enabled", settings.relayEnabled())
                .withData("leader", relay.isLeader());
        String error = relay.lastError();
        if (error != null) {
            builder.withData("lastError", error);
        }
        return builder.build();
    }
}
