package org.lifecycle.ingestion.problem;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts refused requests by reason, so an operator sees at once why clients are being turned away. */
@ApplicationScoped
public class RejectionMetrics {

    private final MeterRegistry registry;

    public RejectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rejected(ProblemException e) {
        Counter.builder("lifecycle.ingestion.requests.rejected")
                .description("Requests refused, by reason")
                .tag("reason", e.type().reason())
                .register(registry)
                .increment();
    }
}
