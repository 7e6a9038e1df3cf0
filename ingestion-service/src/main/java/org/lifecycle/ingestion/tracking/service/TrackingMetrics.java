package org.lifecycle.ingestion.tracking.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.ProblemType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** Events accepted by type, events rejected by reason, and the size of the batches clients send. */
@ApplicationScoped
public class TrackingMetrics {

    private final MeterRegistry registry;
    private final Map<MessageType, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<ProblemType, Counter> rejected = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;

    public TrackingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("lifecycle.ingestion.batch.size")
                .description("Messages per accepted request")
                .baseUnit("events")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void accepted(MessageType type, int count) {
        accepted.computeIfAbsent(type, t -> Counter.builder("lifecycle.ingestion.events.accepted")
                .description("Events acknowledged by Kafka and answered with 200")
                .tag("type", t.wireName())
                .register(registry)).increment(count);
    }

    void batch(int size) {
        batchSize.record(size);
    }

    void rejected(ProblemType reason, int count) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("lifecycle.ingestion.events.rejected")
                .description("Events refused, by reason; none of them reached Kafka except on broker_unavailable")
                .tag("reason", r.reason())
                .register(registry)).increment(count);
    }
}
