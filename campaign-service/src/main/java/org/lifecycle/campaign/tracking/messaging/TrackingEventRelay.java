package org.lifecycle.campaign.tracking.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.campaign.tracking.TrackingSettings;
import org.lifecycle.campaign.tracking.repository.TrackingOutboxRepository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the tracking outbox to Kafka in id order (idempotent producer, acks=all), then deletes what Kafka
 * acknowledged. One relay runs per database: replicas compete for a PostgreSQL advisory lock held on a connection of
 * its own. A relay that stops between Kafka's acknowledgement and the delete publishes those records again when it
 * (or another replica) resumes; they carry the same event ids, which consumers drop as duplicates.
 */
@ApplicationScoped
public class TrackingEventRelay {

    /** Its own lock, apart from any other outbox relay of the service's database. */
    private static final long LOCK_KEY = 0x6c63747261636b31L;

    private final Pool pool;
    private final TrackingOutboxRepository outbox;
    private final TrackingSettings.Relay settings;
    private final String bootstrapServers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running;
    private volatile Thread thread;
    private boolean signalled;
    private SqlConnection leaderConnection;

    public TrackingEventRelay(Pool pool, TrackingOutboxRepository outbox, TrackingSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pool = pool;
        this.outbox = outbox;
        this.settings = settings.relay();
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            Log.info("Tracking event relay disabled");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("tracking-event-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the relay after a transaction appended to the outbox, so it does not wait for its next poll. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            while (running) {
                try {
                    if (leaderConnection == null && !lead()) {
                        idle(Duration.ofSeconds(1));
                        continue;
                    }
                    if (relayBatch(producer) == 0) {
                        idle(settings.pollInterval());
                    }
                } catch (RuntimeException e) {
                    Log.warnf("Tracking event relay failed, retrying: %s", e.getMessage());
                    resign();
                    idle(Duration.ofSeconds(1));
                }
            }
            drain(producer);
        } finally {
            resign();
        }
    }

    /** Publishes what is left before the service stops, so a graceful shutdown leaves the outbox empty. */
    private void drain(KafkaProducer<String, String> producer) {
        if (leaderConnection == null) {
            return;
        }
        try {
            while (relayBatch(producer) > 0) {
                // until the outbox is empty
            }
        } catch (RuntimeException e) {
            Log.warnf("Tracking outbox not drained at shutdown, the next relay publishes the rest: %s",
                    e.getMessage());
        }
    }

    private boolean lead() {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        boolean locked = connection.preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(LOCK_KEY))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getBoolean(0);
        if (!locked) {
            connection.closeAndAwait();
            return false;
        }
        leaderConnection = connection;
        Log.info("Tracking event relay is the leader");
        return true;
    }

    private void resign() {
        if (leaderConnection != null) {
            try {
                leaderConnection.closeAndAwait();
            } catch (RuntimeException e) {
                Log.debugf("Closing the relay's lock connection: %s", e.getMessage());
            }
            leaderConnection = null;
        }
    }

    private int relayBatch(KafkaProducer<String, String> producer) {
        // the lock connection must still be alive, or another replica may already lead
        leaderConnection.query("select 1").execute().await().atMost(Duration.ofSeconds(10));
        List<TrackingOutboxRepository.Pending> batch = outbox.oldest(settings.batchSize()).await()
                .atMost(Duration.ofSeconds(30));
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<?>> acks = new ArrayList<>(batch.size());
        for (TrackingOutboxRepository.Pending record : batch) {
            acks.add(producer.send(new ProducerRecord<>(record.topic(), record.key(), record.payload())));
        }
        producer.flush();
        for (Future<?> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge a tracking event: " + e.getMessage(), e);
            }
        }
        outbox.delete(batch.stream().map(TrackingOutboxRepository.Pending::id).toList()).await()
                .atMost(Duration.ofSeconds(30));
        return batch.size();
    }

    private void idle(Duration duration) {
        lock.lock();
        try {
            if (!signalled && running) {
                work.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tracking-event-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }
}
