package org.lifecycle.segmentation.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes the outbox to Kafka in id order, then deletes what Kafka acknowledged (in the statement that reads the next
 * batch, so a cycle is one round trip). One relay runs per database: the replicas compete for a PostgreSQL advisory
 * lock held on a connection of its own, on which the relay also reads and deletes, so two never publish the same
 * rows.
 *
 * <p>
 * A relay can stop after Kafka took a batch and before its rows were deleted. Every record therefore carries its
 * outbox id in the {@value #OUTBOX_ID_HEADER} header, and a relay that takes over (or retries after a failed send)
 * first searches the tail of each partition it is about to write for ids already there, and deletes those rows
 * instead of sending them again: a crash between the commit and the publish loses nothing and sends nothing twice.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String OUTBOX_ID_HEADER = "lifecycle-outbox-id";
    private static final long LOCK_KEY = 0x6c6966656379636cL;

    private final Pool pool;
    private final OutboxRepository repository;
    private final OutboxSettings settings;
    private final String bootstrapServers;
    private final Counter publishedCount;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread thread;
    private volatile String lastError;
    private boolean signalled;
    private boolean inDoubt = true;
    private long deletedSinceVacuum;
    /** Ids Kafka acknowledged that are still to be deleted from the outbox. */
    private List<Long> published = List.of();
    private Boolean autovacuum;
    private SqlConnection leaderConnection;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(Pool pool, OutboxRepository repository, OutboxSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.pool = pool;
        this.repository = repository;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.publishedCount = Counter.builder("lifecycle_outbox_published").description("Outbox records published")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!settings.relayEnabled()) {
            Log.info("Outbox relay disabled");
            return;
        }
        begin();
    }

    /**
     * Starts relaying. Called at start-up unless the relay is disabled; a test that plays a crashed relay's part
     * calls it to start the relay that takes over.
     */
    public synchronized void begin() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
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

    public boolean isLeader() { return leader; }

    public boolean isRunning() { return running && thread != null && thread.isAlive(); }

    public String lastError() {
        return lastError;
    }

    private void run() {
        producer = new KafkaProducer<>(producerConfig());
        try {
            while (running) {
                try {
                    if (!leader && !lead()) {
                        idle(Duration.ofSeconds(1));
                        continue;
                    }
                    if (relayBatch() == 0) {
                        idle(settings.pollInterval());
                    }
                    lastError = null;
                } catch (RuntimeException e) {
                    lastError = e.getMessage();
                    inDoubt = true;
                    Log.warnf("Outbox relay failed, retrying: %s", e.getMessage());
                    resign();
                    idle(Duration.ofSeconds(1));
                }
            }
            drain();
        } finally {
            resign();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Publishes what is left before the service stops, so a graceful shutdown leaves the outbox empty. */
    private void drain() {
        if (!leader) {
            return;
        }
        try {
            while (relayBatch() > 0) {
                // keep going until the outbox is empty
            }
        } catch (RuntimeException e) {
            Log.warnf("Outbox not drained at shutdown, the next relay publishes the rest: %s", e.getMessage());
        }
    }

    private boolean lead() {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        boolean locked = connection.preparedQuery("select pg_try_advisory_lock($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK_KEY))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getBoolean(0);
        if (!locked) {
            connection.closeAndAwait();
            return false;
        }
        leaderConnection = connection;
        leader = true;
        inDoubt = true;
        Log.info("Outbox relay is the leader");
        return true;
    }

    private void resign() {
        leader = false;
        if (leaderConnection != null) {
            try {
                leaderConnection.closeAndAwait();
            } catch (RuntimeException e) {
                Log.debugf("Closing the relay's lock connection: %s", e.getMessage());
            }
            leaderConnection = null;
        }
    }

    /**
     * One cycle: deletes what the previous cycle published and takes the next batch, in one statement on the lock's
     * connection (which also proves that connection, and so the lock, still alive: otherwise another replica may
     * already lead), then publishes the batch and waits for Kafka's acknowledgements. Returns 0, with nothing left to
     * delete, once the outbox is empty.
     */
    private int relayBatch() {
        List<OutboxRepository.Pending> batch = repository
                .deleteAndTakeOldest(leaderConnection, published, settings.batchSize()).await()
                .atMost(Duration.ofSeconds(30));
        int deleted = published.size();
        published = List.of();
        vacuumIfNeeded(deleted);
        if (batch.isEmpty()) {
            return 0;
        }
        Set<Long> alreadySent = inDoubt ? alreadyPublished(batch) : Set.of();
        List<Future<?>> acks = new ArrayList<>(batch.size());
        for (OutboxRepository.Pending message : batch) {
            if (alreadySent.contains(message.id())) {
                continue;
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(),
                    message.payload());
            record.headers().add(OUTBOX_ID_HEADER, Long.toString(message.id()).getBytes(StandardCharsets.UTF_8));
            if (message.headers() != null) {
                message.headers().forEach(header -> record.headers().add(header.getKey(),
                        String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8)));
            }
            acks.add(producer.send(record));
        }
        producer.flush();
        for (Future<?> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge an outbox record: " + e.getMessage(), e);
            }
        }
        inDoubt = false;
        // deleted by the next cycle's statement; a relay that stops first leaves them to the next one's fence
        published = batch.stream().map(OutboxRepository.Pending::id).toList();
        publishedCount.increment(acks.size());
        if (!alreadySent.isEmpty()) {
            Log.infof("Outbox: %d record(s) a previous relay had already published were not sent again",
                    alreadySent.size());
        }
        return batch.size();
    }

    /**
     * The outbox ids among {@code batch} that are already on Kafka: read back from the tail of every partition the
     * batch would be written to.
     */
    private Set<Long> alreadyPublished(List<OutboxRepository.Pending> batch) {
        Set<Long> wanted = new HashSet<>();
        Map<TopicPartition, Boolean> partitions = new HashMap<>();
        Map<String, Integer> partitionCounts = new HashMap<>();
        for (OutboxRepository.Pending message : batch) {
            wanted.add(message.id());
            int count = partitionCounts.computeIfAbsent(message.topic(), t -> producer.partitionsFor(t).size());
            int partition = Utils.toPositive(Utils.murmur2(message.key().getBytes(StandardCharsets.UTF_8))) % count;
            partitions.put(new TopicPartition(message.topic(), partition), true);
        }
        Set<Long> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> assigned = new ArrayList<>(partitions.keySet());
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned);
            for (TopicPartition tp : assigned) {
                consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - settings.fenceWindow()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read back the tail of " + assigned);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(OUTBOX_ID_HEADER);
                    if (header != null) {
                        long id = Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
                        if (wanted.contains(id)) {
                            found.add(id);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void vacuumIfNeeded(int deleted) {
        if (autovacuum == null) {
            autovacuum = repository.autovacuum().await().atMost(Duration.ofSeconds(10));
        }
        deletedSinceVacuum += deleted;
        if (!autovacuum && deletedSinceVacuum >= settings.vacuumEvery()) {
            deletedSinceVacuum = 0;
            repository.vacuum().await().atMost(Duration.ofMinutes(1));
        }
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
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "outbox-fence-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
