package org.lifecycle.segmentation.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

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
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import com.fasterxml.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/** Sends to and reads back from the test application's own topics on the real broker. */
public final class TestKafka {

    private static final Map<String, KafkaProducer<String, String>> PRODUCERS = new ConcurrentHashMap<>();

    private TestKafka() {
    }

    /** A record read back, with its headers as text. */
    public record Read(String key, JsonNode value, String raw, Map<String, String> headers) {
    }

    public static String prefix() {
        return ConfigProvider.getConfig().getValue("lifecycle.topic-prefix", String.class);
    }

    public static String topic(String topic) {
        return Topics.prefixed(prefix(), topic);
    }

    public static void send(CustomerEvent... events) {
        for (CustomerEvent event : events) {
            sendRaw(Topics.EVENTS, event.identityKey(),
                    new String(LifecycleJson.encode(event), StandardCharsets.UTF_8));
        }
    }

    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic(topic), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on one of the application's topics, from the beginning. */
    public static List<Read> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Read> reads = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            String name = topic(topic);
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
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    JsonNode value;
                    try {
                        value = LifecycleJson.mapper().readTree(record.value());
                    } catch (Exception e) {
                        value = null;
                    }
                    reads.add(new Read(record.key(), value, record.value(), headers));
                }
            }
        }
        return reads;
    }

    /** The records of a topic that match, once there are at least {@code count} of them. */
    public static List<Read> awaitRecords(String topic, int count, Predicate<Read> filter) {
        List<List<Read>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Read> matching = readAll(topic).stream().filter(filter).toList();
            found.clear();
            found.add(matching);
            return matching.size() >= count;
        });
        return found.getFirst();
    }

    /** The records of a topic that match, read now. */
    public static List<Read> records(String topic, Predicate<Read> filter) {
        return readAll(topic).stream().filter(filter).toList();
    }

    private static KafkaProducer<String, String> producer() {
        return PRODUCERS.computeIfAbsent(IsolatedInfrastructure.bootstrap(), servers -> {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        });
    }
}
