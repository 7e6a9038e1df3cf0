package org.lifecycle.analytics.aggregate.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lifecycle.analytics.aggregate.service.AggregateService;
import org.lifecycle.contracts.Envelope;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.support.DatabaseUnavailable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the five topics in batches, in order per partition. A batch is applied in one transaction; if that fails
 * its records are applied one by one with retries, and a record that still fails goes to its dead-letter topic with
 * the reason, so the rest of the partition is applied. Offsets are committed only once the batch's database work
 * has committed. While the database cannot be reached (restarting, connection lost), the work is tried again until
 * it can, however long that takes: an unreachable database never sends a record to a dead-letter topic.
 */
@ApplicationScoped
public class TopicConsumers {

    private static final int ATTEMPTS = 3;

    private final AggregateService service;
    private final DeadLetterPublisher deadLetters;
    private final Counter applied;

    public TopicConsumers(AggregateService service, DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.service = service;
        this.deadLetters = deadLetters;
        this.applied = Counter.builder("lifecycle_analytics_records_applied")
                .description("Records read from the topics and applied (duplicates included)").register(registry);
    }

    @Incoming("events")
    public Uni<Void> events(ConsumerRecords<String, String> records) {
        return consume(records, CustomerEvent.class, service::applyEvents);
    }

    @Incoming("transitions")
    public Uni<Void> transitions(ConsumerRecords<String, String> records) {
        return consume(records, StageTransition.class, service::applyTransitions);
    }

    @Incoming("memberships")
    public Uni<Void> memberships(ConsumerRecords<String, String> records) {
        return consume(records, MembershipChange.class, service::applyMemberships);
    }

    @Incoming("dispatches")
    public Uni<Void> dispatches(ConsumerRecords<String, String> records) {
        return consume(records, Dispatch.class, service::applyDispatches);
    }

    @Incoming("deletions")
    public Uni<Void> deletions(ConsumerRecords<String, String> records) {
        return consume(records, DeletionRequest.class, service::applyDeletions);
    }

    private <T extends Envelope> Uni<Void> consume(ConsumerRecords<String, String> records, Class<T> type,
            Function<List<T>, Uni<Void>> apply) {
        List<T> decoded = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> undecodable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                decoded.add(LifecycleJson.decode(record.value(), type));
                sources.add(record);
            } catch (RuntimeException e) {
                undecodable.add(record);
            }
        }
        Uni<Void> rejected = Multi.createFrom().iterable(undecodable)
                .onItem().transformToUniAndConcatenate(record -> deadLetters.send(record,
                        "not a valid " + type.getSimpleName() + " record"))
                .collect().last().replaceWithVoid();
        return rejected
                .chain(() -> apply.apply(decoded)
                        .onFailure(DatabaseUnavailable::is).invoke(e -> Log.warnf(
                                "A batch of %d %s records: the database cannot be reached (%s); trying again",
                                decoded.size(), type.getSimpleName(), e.getMessage()))
                        .onFailure(DatabaseUnavailable::is).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely())
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("A batch of %d %s records failed (%s); applying them one by one", decoded.size(),
                            type.getSimpleName(), e.getMessage());
                    return oneByOne(decoded, sources, apply);
                })
                .invoke(() -> applied.increment(records.count()));
    }

    private <T extends Envelope> Uni<Void> oneByOne(List<T> decoded, List<ConsumerRecord<String, String>> sources,
            Function<List<T>, Uni<Void>> apply) {
        return Multi.createFrom().range(0, decoded.size())
                .onItem().transformToUniAndConcatenate(i -> apply.apply(List.of(decoded.get(i)))
                        .onFailure(DatabaseUnavailable::is).invoke(e -> Log.warnf(
                                "Record at %s-%d@%d: the database cannot be reached (%s); trying again",
                                sources.get(i).topic(), sources.get(i).partition(), sources.get(i).offset(),
                                e.getMessage()))
                        .onFailure(DatabaseUnavailable::is).retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                        .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                        .atMost(ATTEMPTS - 1)
                        .onFailure().recoverWithUni(e -> deadLetters.send(sources.get(i),
                                e.getClass().getSimpleName() + ": " + e.getMessage())))
                .collect().last().replaceWithVoid();
    }
}
