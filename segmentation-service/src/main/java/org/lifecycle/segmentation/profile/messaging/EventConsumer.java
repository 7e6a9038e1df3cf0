package org.lifecycle.segmentation.profile.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.profile.service.ProfileService;
import org.lifecycle.segmentation.profile.service.StreamPosition;
import org.lifecycle.support.DatabaseUnavailable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Consumes {@code lifecycle.events} in batches, in order per partition. A batch is applied in one transaction; if it
 * fails, its events are applied one by one so that one bad event goes to the dead-letter topic with its reason and
 * the rest are applied. Offsets are committed only after the database commit. Records are decoded on a worker thread,
 * not on the event loop. While the database cannot be reached (restarting, connection lost), a batch is tried again
 * until it can, however long that takes: an unreachable database never sends an event to the dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    private static final int ATTEMPTS = 3;
    private static final Duration UNAVAILABLE_FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration UNAVAILABLE_MAX_BACKOFF = Duration.ofSeconds(5);

    private final ProfileService service;
    private final Vertx vertx;
    private final Counter applied;
    private final Counter deadLettered;

    public EventConsumer(ProfileService service, Vertx vertx, MeterRegistry registry) {
        this.service = service;
        this.vertx = vertx;
        this.applied = Counter.builder("lifecycle_segmentation_events_applied").register(registry);
        this.deadLettered = Counter.builder("lifecycle_segmentation_events_dead_lettered").register(registry);
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return vertx.executeBlocking(() -> Decoded.of(records), false).chain(this::apply);
    }

    /** A batch's records read as events, with where each event sits, and the records that are not events. */
    private record Decoded(List<CustomerEvent> events, List<StreamPosition> positions,
            List<ConsumerRecord<String, String>> undecodable) {

        static Decoded of(ConsumerRecords<String, String> records) {
            List<CustomerEvent> events = new ArrayList<>(records.count());
            List<StreamPosition> positions = new ArrayList<>(records.count());
            List<ConsumerRecord<String, String>> undecodable = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    events.add(ProfileService.decode(record.value()));
                    positions.add(new StreamPosition(record.partition(), record.offset()));
                } catch (RuntimeException e) {
                    undecodable.add(record);
                }
            }
            return new Decoded(events, positions, undecodable);
        }
    }

    private Uni<Void> apply(Decoded decoded) {
        List<CustomerEvent> events = decoded.events();
        List<StreamPosition> positions = decoded.positions();
        Uni<Void> bad = Multi.createFrom().iterable(decoded.undecodable())
                .onItem().transformToUniAndConcatenate(record -> {
                    deadLettered.increment();
                    Log.warnf("Event at %s-%d@%d is not a valid event, sent to the dead-letter topic",
                            record.topic(), record.partition(), record.offset());
                    return untilDatabaseAnswers(service.deadLetter(record.topic(), record.key(),
                            String.valueOf(record.value()), null, "not a valid lifecycle.events record",
                            new StreamPosition(record.partition(), record.offset())), "a dead letter");
                }).collect().last().replaceWithVoid();
        return bad.chain(() -> untilDatabaseAnswers(service.apply(events, positions), events.size() + " events"))
                .invoke(() -> applied.increment(events.size()))
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("A batch of %d events failed (%s); applying them one by one", events.size(),
                            e.getMessage());
                    return oneByOne(events, positions);
                });
    }

    private Uni<Void> oneByOne(List<CustomerEvent> events, List<StreamPosition> positions) {
        return Multi.createFrom().range(0, events.size())
                .onItem().transformToUniAndConcatenate(i -> applyOne(events.get(i), positions.get(i)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> applyOne(CustomerEvent event, StreamPosition position) {
        return untilDatabaseAnswers(service.apply(List.of(event), List.of(position)), "event " + event.id())
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(ATTEMPTS - 1)
                .invoke(() -> applied.increment())
                .onFailure().recoverWithUni(e -> {
                    deadLettered.increment();
                    Log.errorf(e, "Event %s failed %d times, sent to the dead-letter topic", event.id(), ATTEMPTS);
                    return untilDatabaseAnswers(service.deadLetter(service.topics().events(), event.identityKey(),
                            new String(LifecycleJson.encode(event), java.nio.charset.StandardCharsets.UTF_8),
                            event.id(), String.valueOf(e.getMessage()), position), "a dead letter");
                });
    }

    /** Subscribes again, backing off up to 5 s, for as long as the failure is an unreachable database. */
    private static <T> Uni<T> untilDatabaseAnswers(Uni<T> work, String what) {
        return work
                .onFailure(DatabaseUnavailable::is).invoke(e -> Log.warnf(
                        "The database cannot be reached applying %s (%s); trying again", what, e.getMessage()))
                .onFailure(DatabaseUnavailable::is).retry()
                .withBackOff(UNAVAILABLE_FIRST_BACKOFF, UNAVAILABLE_MAX_BACKOFF).indefinitely();
    }

    @Incoming("deletions")
    public Uni<Void> deletion(ConsumerRecord<String, String> record) {
        DeletionRequest request;
        try {
            request = LifecycleJson.decode(record.value(), DeletionRequest.class);
        } catch (RuntimeException e) {
            Log.warnf("Deletion record at %s-%d@%d is not valid, sent to the dead-letter topic", record.topic(),
                    record.partition(), record.offset());
            return service.deadLetter(record.topic(), record.key(), String.valueOf(record.value()), null,
                    "not a valid lifecycle.deletions record", null);
        }
        return service.delete(request)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(20)
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Deletion %s erased %d profile(s)", request.id(), count);
                    }
                })
                .replaceWithVoid();
    }
}
