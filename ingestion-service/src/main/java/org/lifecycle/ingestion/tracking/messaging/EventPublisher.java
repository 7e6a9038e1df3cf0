package org.lifecycle.ingestion.tracking.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Publishes records and completes only when Kafka has acknowledged every one of them (acks=all, idempotent producer),
 * so that the API answers 200 only for events that are durably on the broker. A record not acknowledged within the
 * timeout fails the whole call with {@link BrokerUnavailableException}; nothing is sent and forgotten.
 */
@ApplicationScoped
public class EventPublisher {

    static {
        loadNativeLz4();
    }

    private final KafkaProducer<String, byte[]> producer;
    /**
     * {@code send()} can block (metadata refresh, full buffer); it runs on this one thread, never on an event loop.
     * One thread is plenty: a send only appends to the producer's buffer.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("kafka-send").daemon().factory());
    private final Timer produceLatency;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ProducerSettings settings, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingestion-service");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compressionType());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlockMs());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, settings.requestTimeoutMs());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, settings.deliveryTimeoutMs());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, settings.bufferMemory());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.produceLatency = Timer.builder("lifecycle.ingestion.produce.latency")
                .description("Time from handing a request's records to Kafka until every one is acknowledged")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Completes when every record is acknowledged; fails if any is not, or if the timeout passes first. */
    public Uni<Void> publish(List<ProducerRecord<String, byte[]>> records, Duration timeout) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>emitter(emitter -> {
            Acknowledgements acknowledgements = new Acknowledgements(records.size(), emitter);
            for (ProducerRecord<String, byte[]> record : records) {
                try {
                    producer.send(record, acknowledgements);
                } catch (RuntimeException e) {
                    acknowledgements
                            .fail(new BrokerUnavailableException("Kafka refused a record: " + e.getMessage(), e));
                    return;
                }
            }
        })
                .runSubscriptionOn(sender)
                .ifNoItem().after(timeout)
                .failWith(() -> new BrokerUnavailableException(
                        "Kafka did not acknowledge the request's records within " + timeout.toMillis() + " ms", null));
    }

    /**
     * The acknowledgements of one call's records: one callback for all of them (not an object per record), completing
     * the call at the last acknowledgement, failing it at the first error.
     */
    private final class Acknowledgements implements Callback {
        private final long started = System.nanoTime();
        private final AtomicInteger pending;
        private final AtomicBoolean failed = new AtomicBoolean();
        private final UniEmitter<? super Void> emitter;

        Acknowledgements(int records, UniEmitter<? super Void> emitter) {
            this.pending = new AtomicInteger(records);
            this.emitter = emitter;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error != null) {
                fail(new BrokerUnavailableException("Kafka did not acknowledge a record: " + error.getMessage(),
                        error));
            } else if (pending.decrementAndGet() == 0 && !failed.get()) {
                produceLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                emitter.complete(null);
            }
        }

        void fail(BrokerUnavailableException failure) {
            if (failed.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
        }
    }

    /**
     * The LZ4 codec only picks its native implementation by itself when loaded by the system class loader, which is
     * never the case in a Quarkus application; without it, compression is the pure-Java codec and costs several times
     * the CPU. Loading it explicitly makes the producer use it. Where it cannot load (a native image, another
     * platform), the Java codec is used as before.
     */
    private static void loadNativeLz4() {
        try {
            net.jpountz.util.Native.load();
        } catch (Throwable e) {
            Log.debugf("Native LZ4 unavailable, using the Java codec: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        // Flush what is in flight so that a graceful shutdown loses nothing already handed over.
        producer.close(Duration.ofSeconds(10));
        Log.info("Event producer closed");
    }
}
