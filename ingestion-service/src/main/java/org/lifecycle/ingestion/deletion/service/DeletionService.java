package org.lifecycle.ingestion.deletion.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;
import org.lifecycle.ingestion.tracking.messaging.BrokerUnavailableException;
import org.lifecycle.ingestion.tracking.messaging.EventPublisher;
import org.lifecycle.ingestion.tracking.service.TrackingLimits;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Accepts a request to erase a customer and announces it on {@code lifecycle.deletions}, keyed by the user id so it
 * follows the customer's earlier events on their partition. Accepted means durably on Kafka.
 */
@ApplicationScoped
public class DeletionService {

    private final EventPublisher publisher;
    private final TrackingLimits limits;
    private final Clock clock;
    private final String deletionsTopic;

    public DeletionService(EventPublisher publisher, TrackingLimits limits, Clock clock,
            @ConfigProperty(name = "lifecycle.topic-prefix") Optional<String> topicPrefix) {
        this.publisher = publisher;
        this.limits = limits;
        this.clock = clock;
        this.deletionsTopic = Topics.prefixed(topicPrefix.orElse(""), Topics.DELETIONS);
    }

    public Uni<DeletionRequest> request(String userId, String anonymousId, String sourceId, String requestedBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var deletion = new DeletionRequest(UUID.randomUUID().toString(), DeletionType.DELETION_REQUESTED,
                DeletionRequest.VERSION, now, now, userId, anonymousId, sourceId, requestedBy, null);
        var record = new ProducerRecord<>(deletionsTopic, deletion.identityKey(), LifecycleJson.encode(deletion));
        return publisher.publish(List.of(record), limits.produceTimeout())
                .onFailure(BrokerUnavailableException.class).transform(e -> new ProblemException(
                        ProblemType.BROKER_UNAVAILABLE, "The deletion request could not be recorded; retry later",
                        List.of(), limits.retryAfter()))
                .replaceWith(deletion)
                .invoke(d -> Log.infof("Deletion %s requested by %s", d.id(), requestedBy));
    }
}
