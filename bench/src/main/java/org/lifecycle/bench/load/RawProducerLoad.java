package org.lifecycle.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lifecycle.bench.retail.ShopEvent;
import org.lifecycle.contracts.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ceiling for ingestion: one Kafka producer with the ingestion-service's producer settings (acks=all, idempotence,
 * lz4, linger.ms=5, batch.size=256 KiB, buffer.memory=64 MiB, 5 in flight: see the service's {@code EventPublisher}
 * and {@code ProducerSettings} defaults) writing records like the service's to a scratch topic with as many partitions as {@code lifecycle.events}, as
 * fast as it can, for the same window.
 */
final class RawProducerLoad {

    static final String TOPIC = "bench.raw";
    static final int PARTITIONS = 6;
    /** What the service adds around a Segment message when the topic cannot be read back. */
    static final int ESTIMATED_ENRICHMENT_BYTES = 200;
    /** The ingestion-service's producer defaults (lifecycle.ingestion.producer.*), so the comparison is like for like. */
    static final int LINGER_MS = 5;
    static final int BATCH_SIZE = 262_144;
    static final long BUFFER_MEMORY = 67_108_864L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Record keys and values to cycle through, and where they came from. */
    record Payloads(List<byte[]> keys, List<byte[]> values, String origin) {

        double averageValueBytes() {
            return values.stream().mapToInt(v -> v.length).average().orElse(0);
        }
    }

    record Result(long records, double seconds, Payloads payloads, long cpuNanos) {

        double recordsPerSecond() {
            return records / seconds;
        }

        /** This JVM's CPU over the window in cores (producer thread, its I/O thread, GC, ...), or -1 if unknown. */
        double cpuCores() {
            return cpuNanos < 0 ? -1 : cpuNanos / 1e9 / seconds;
        }
    }

    private RawProducerLoad() {
    }

    /**
     * The last records of {@code lifecycle.events} (what the service really wrote, so also its real size); when there
     * are none, the benchmark's own events with about {@value #ESTIMATED_ENRICHMENT_BYTES} bytes of envelope added.
     */
    static Payloads payloads(String bootstrap, List<ShopEvent> events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
                for (TopicPartition tp : partitions) {
                    consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - 50));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (values.size() < 200 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.value() != null && values.size() < 200) {
                            keys.add(r.key());
                            values.add(r.value());
                        }
                    }
                }
            }
        }
        if (!values.isEmpty()) {
            return new Payloads(keys, values, values.size() + " records read back from " + Topics.EVENTS);
        }
        for (ShopEvent event : events.subList(0, Math.min(events.size(), 1000))) {
            keys.add(event.userId().getBytes(StandardCharsets.UTF_8));
            values.add(enveloped(event));
        }
        return new Payloads(keys, values, "estimated: request event + ~" + ESTIMATED_ENRICHMENT_BYTES
                + " B of envelope (" + Topics.EVENTS + " was empty)");
    }

    private static byte[] enveloped(ShopEvent event) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event.json());
            String now = Instant.now().toString();
            node.put("id", UUID.randomUUID().toString());
            node.put("version", 1);
            node.put("occurredAt", node.path("timestamp").asText());
            node.put("receivedAt", now);
            node.put("sourceId", UUID.randomUUID().toString());
            node.put("anonymousId", (String) null);
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Result run(String bootstrap, Payloads payloads, Duration warmup, Duration duration)
            throws InterruptedException, ExecutionException {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            createFresh(admin);
            try {
                return produce(bootstrap, payloads, warmup, duration);
            } finally {
                admin.deleteTopics(List.of(TOPIC)).all().get();
            }
        }
    }

    private static void createFresh(Admin admin) throws InterruptedException, ExecutionException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Left over by an interrupted run: delete it and wait for the deletion to finish.
                try {
                    admin.deleteTopics(List.of(TOPIC)).all().get();
                } catch (ExecutionException gone) {
                    if (!(gone.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw gone;
                    }
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("could not recreate topic " + TOPIC);
    }

    private static Result produce(String bootstrap, Payloads payloads, Duration warmup, Duration duration)
            throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_MEMORY);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        AtomicLong acked = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        int n = payloads.values().size();
        long cpuFrom = -1;
        long cpuTo;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0;; i++) {
                long sendAt = System.nanoTime();
                if (sendAt >= measureTo) {
                    break;
                }
                if (cpuFrom < 0 && sendAt >= measureFrom) {
                    cpuFrom = IngestionLoad.processCpuNanos();
                }
                int at = (int) (i % n);
                producer.send(new ProducerRecord<>(TOPIC, payloads.keys().get(at), payloads.values().get(at)),
                        (metadata, error) -> {
                            long now = System.nanoTime();
                            if (error == null && now >= measureFrom && now <= measureTo) {
                                acked.incrementAndGet();
                            }
                        });
            }
            cpuTo = IngestionLoad.processCpuNanos();
            producer.flush();
        }
        return new Result(acked.get(), duration.toNanos() / 1e9, payloads,
                cpuFrom < 0 || cpuTo < 0 ? -1 : cpuTo - cpuFrom);
    }
}
