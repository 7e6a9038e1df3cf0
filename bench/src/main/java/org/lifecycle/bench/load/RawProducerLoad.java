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

    /** Records of this run read back per partition, at most: the latest ones, written just before the raw phase. */
    static final int READ_BACK_PER_PARTITION = 100;

    /**
     * The end offsets of {@code lifecycle.events} now (empty when the topic is missing or unreachable): noted before
     * the ingestion phase, so that the read-back afterwards never reaches records older than this run's.
     */
    static Map<TopicPartition, Long> endOffsets(String bootstrap, String eventsTopic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
            List<TopicPartition> partitions = partitions(consumer, eventsTopic);
            return partitions.isEmpty()
                    ? Map.of()
                    : Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        } catch (org.apache.kafka.common.KafkaException e) {
            return Map.of();
        }
    }

    /**
     * The latest records of this run on {@code lifecycle.events} (what the service really wrote for the events just
     * sent, so their real size and content): per partition at most {@value #READ_BACK_PER_PARTITION} from the end, never
     * before the offset noted in {@code before} (the end before the run), and only those whose {@code messageId}
     * starts with {@code messageIdPrefix}. When there are none, the benchmark's own events with about
     * {@value #ESTIMATED_ENRICHMENT_BYTES} bytes of envelope added.
     */
    static Payloads payloads(String bootstrap, String eventsTopic, Map<TopicPartition, Long> before,
            String messageIdPrefix, List<byte[]> events) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
            List<TopicPartition> partitions = partitions(consumer, eventsTopic);
            if (!partitions.isEmpty()) {
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> starts = new java.util.HashMap<>();
                Map<TopicPartition, Long> remaining = new java.util.HashMap<>();
                for (TopicPartition tp : partitions) {
                    long from = Math.max(Math.max(begins.get(tp), before.getOrDefault(tp, begins.get(tp))),
                            ends.get(tp) - READ_BACK_PER_PARTITION);
                    if (from < ends.get(tp)) {
                        starts.put(tp, from);
                        remaining.put(tp, ends.get(tp));
                    }
                }
                consumer.assign(remaining.keySet());
                starts.forEach(consumer::seek);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        Long end = remaining.get(tp);
                        if (end == null || r.offset() >= end) {
                            continue;
                        }
                        if (r.value() != null && messageId(r.value()).startsWith(messageIdPrefix)) {
                            keys.add(r.key());
                            values.add(r.value());
                        } else {
                            skipped++;
                        }
                        if (r.offset() + 1 >= end) {
                            remaining.remove(tp);
                        }
                    }
                    // Transaction markers or compaction can leave the last offsets without a record.
                    for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                        if (consumer.position(tp) >= remaining.get(tp)) {
                            remaining.remove(tp);
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            System.err.println("ingestion: could not read " + eventsTopic + " back: " + e);
        }
        if (!values.isEmpty()) {
            return new Payloads(keys, values, values.size() + " records of this run read back from " + eventsTopic
                    + (skipped > 0 ? ", " + skipped + " others skipped" : ""));
        }
        for (byte[] event : events.subList(0, Math.min(events.size(), 1000))) {
            ObjectNode node = parse(event);
            String key = node.path("userId").isTextual()
                    ? node.path("userId").textValue()
                    : node.path("anonymousId").asText("");
            keys.add(key.getBytes(StandardCharsets.UTF_8));
            values.add(enveloped(node));
        }
        return new Payloads(keys, values, "estimated: request event + ~" + ESTIMATED_ENRICHMENT_BYTES
                + " B of envelope (none of this run's records found on " + eventsTopic + ")");
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String eventsTopic) {
        List<PartitionInfo> infos = consumer.partitionsFor(eventsTopic, Duration.ofSeconds(10));
        return infos == null
                ? List.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static String messageId(byte[] value) {
        try {
            return JSON.readTree(value).path("messageId").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] enveloped(ObjectNode node) {
        try {
            String now = Instant.now().toString();
            node.put("id", UUID.randomUUID().toString());
            node.put("version", 1);
            node.put("occurredAt", node.path("timestamp").asText());
            node.put("receivedAt", now);
            node.put("sourceId", UUID.randomUUID().toString());
            if (!node.has("anonymousId")) {
                node.put("anonymousId", (String) null);
            }
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
