package org.lifecycle.campaign.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads back the test application's own topics on the real broker. */
public final class TopicReader {

    private TopicReader() {
    }

    /** A record read back. */
    public record Read(String key, JsonNode value) {
    }

    /** The records of a topic that match, once there are at least {@code count} of them. */
    public static List<Read> awaitRecords(String topic, int count, Predicate<Read> filter) {
        List<List<Read>> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Read> matching = readAll(topic).stream().filter(filter).toList();
            found.clear();
            found.add(matching);
            return matching.size() >= count;
        });
        return found.getFirst();
    }

    /** The records of a topic that match, read now. */
    public static List<Read> now(String topic, Predicate<Read> filter) {
        return readAll(topic).stream().filter(filter).toList();
    }

    private static List<Read> readAll(String topic) {
        String name = Topics.prefixed(ConfigProvider.getConfig().getValue("lifecycle.topic-prefix", String.class),
                topic);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Read> reads = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + name + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        reads.add(new Read(record.key(), LifecycleJson.mapper().readTree(record.value())));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("Not JSON on " + name + ": " + record.value(), e);
                    }
                }
            }
        }
        return reads;
    }
}
