package org.lifecycle.campaign.runtime.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lifecycle.campaign.runtime.service.JourneyRuntime;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.support.DatabaseUnavailable;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes the five topics the runtime reads, in batches in partition order, on worker threads. A batch is applied in
 * one database transaction (one by one when that fails); its offset is committed after that commit (the connector's throttled
 * strategy commits acknowledged offsets only). A record that keeps failing goes to the topic's dead-letter topic.
 */
@ApplicationScoped
public class RuntimeConsumer {

    private static final int ATTEMPTS = 5;
    private static final Duration UNAVAILABLE_MAX_BACKOFF = Duration.ofSeconds(5);

    private final JourneyRuntime runtime;

    public RuntimeConsumer(JourneyRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Events come in batches (the busiest topic), applied in one transaction; when that fails, one by one, so that
     * only a record that keeps failing is dead-lettered with its batch (the others of the batch were applied, and
     * their ids make a replay from the dead-letter topic change nothing).
     */
    @Incoming("events")
    @Blocking
    public void events(ConsumerRecords<String, String> records) {
        List<CustomerEvent> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        RuntimeException undecodable = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(LifecycleJson.decode(record.value(), CustomerEvent.class));
                sources.add(record);
            } catch (RuntimeException e) {
                Log.errorf("Record %s-%d@%d is not a lifecycle.events record: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                undecodable = e;
            }
        }
        try {
            runtime.applyAll(events);
        } catch (RuntimeException batchFailure) {
            Log.warnf("A batch of %d events failed (%s); applying them one by one", events.size(),
                    batchFailure.getMessage());
            for (int i = 0; i < events.size(); i++) {
                CustomerEvent event = events.get(i);
                withRetries(sources.get(i), () -> runtime.apply(event));
            }
        }
        if (undecodable != null) {
            throw undecodable;
        }
    }

    @Incoming("transitions")
    @Blocking
    public void transitions(ConsumerRecords<String, String> records) {
        inBatch(records, StageTransition.class, runtime::applyTransitions, runtime::apply);
    }

    @Incoming("memberships")
    @Blocking
    public void memberships(ConsumerRecords<String, String> records) {
        inBatch(records, MembershipChange.class, runtime::applyMemberships, runtime::apply);
    }

    @Incoming("deletions")
    @Blocking
    public void deletions(ConsumerRecords<String, String> records) {
        inBatch(records, DeletionRequest.class, runtime::applyDeletions, runtime::apply);
    }

    @Incoming("predictions")
    @Blocking
    public void predictions(ConsumerRecords<String, String> records) {
        inBatch(records, CustomerPrediction.class, runtime::applyPredictions, runtime::apply);
    }

    /**
     * The other topics the same way as events: a batch in one transaction, one by one (with retries) when that fails.
     */
    private static <T> void inBatch(ConsumerRecords<String, String> records, Class<T> type,
            Consumer<List<T>> applyAll, Consumer<T> applyOne) {
        List<T> values = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        RuntimeException undecodable = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                values.add(LifecycleJson.decode(record.value(), type));
                sources.add(record);
            } catch (RuntimeException e) {
                Log.errorf("Record %s-%d@%d is not a %s: %s", record.topic(), record.partition(), record.offset(),
                        type.getSimpleName(), e.getMessage());
                undecodable = e;
            }
        }
        try {
            applyAll.accept(values);
        } catch (RuntimeException batchFailure) {
            Log.warnf("A batch of %d %s records failed (%s); applying them one by one", values.size(),
                    type.getSimpleName(), batchFailure.getMessage());
            for (int i = 0; i < values.size(); i++) {
                T value = values.get(i);
                withRetries(sources.get(i), () -> applyOne.accept(value));
            }
        }
        if (undecodable != null) {
            throw undecodable;
        }
    }

    /**
     * Retries what may pass on a second try (a lock conflict with a sweep, a lost connection). While the database
     * cannot be reached at all (restarting, connection refused), it waits and tries again however long that takes,
     * without counting attempts: an unreachable database never sends a record to the dead-letter topic.
     */
    private static void withRetries(ConsumerRecord<String, String> record, Runnable apply) {
        Duration backoff = Duration.ofMillis(100);
        for (int attempt = 1;; attempt++) {
            try {
                apply.run();
                return;
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.is(e)) {
                    attempt--;
                    Log.warnf("Record %s-%d@%d: the database cannot be reached (%s); trying again", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    backoff = backoff.compareTo(UNAVAILABLE_MAX_BACKOFF) >= 0 ? UNAVAILABLE_MAX_BACKOFF : backoff;
                    sleep(backoff, e);
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                if (attempt == ATTEMPTS) {
                    Log.errorf(e, "Record %s-%d@%d failed %d times", record.topic(), record.partition(),
                            record.offset(), ATTEMPTS);
                    throw e;
                }
                Log.warnf("Record %s-%d@%d failed (%s), retrying", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                sleep(backoff, e);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause, RuntimeException failure) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
