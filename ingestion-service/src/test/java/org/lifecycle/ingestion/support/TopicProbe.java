package org.lifecycle.ingestion.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a topic back from the real broker between two moments: {@link #mark()} before the requests, then
 * {@link #since(Mark)} reads exactly what was appended after the mark up to the current end. Deterministic, no waiting
 * for "nothing to arrive": anything a request produced is below the end offsets once it has been answered.
 */
public final class TopicProbe implements AutoCloseable {

    /** End offsets of every partition at one moment. */
    public record Mark(Map<TopicPartition, Long> offsets) {
    }

    /** A record read back: its key and its JSON value. */
    public record Read(String key, JsonNode value, byte[] raw, int partition) {
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    public TopicProbe(String topic) {
        this(topic, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public TopicProbe(String topic, String bootstrapServers) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
    }

    public Mark mark() {
        return new Mark(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    /** Every record appended after {@code from}, up to the end offsets as they are now. */
    public List<Read> since(Mark from) {
        Map<TopicPartition, Long> until = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long start = from.offsets().getOrDefault(partition, 0L);
            long end = until.get(partition);
            if (end > start) {
                consumer.seek(partition, start);
                remaining.put(partition, end);
            }
        }
        consumer.assign(remaining.keySet());
        List<Read> reads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Could not read " + topic + " up to " + remaining);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(partition);
                if (end == null || record.offset() >= end) {
                    continue;
                }
                reads.add(new Read(record.key(), LifecycleJson.decode(record.value(), JsonNode.class), record.value(),
                        record.partition()));
                if (record.offset() + 1 >= end) {
                    remaining.remove(partition);
                }
            }
        }
        consumer.assign(partitions);
        return reads;
    }

    /** The records since {@code from} that a given source produced. */
    public List<Read> fromSource(Mark from, String sourceId) {
        return since(from).stream().filter(r -> sourceId.equals(r.value().path("sourceId").asText())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
