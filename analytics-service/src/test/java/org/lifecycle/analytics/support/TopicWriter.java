package org.lifecycle.analytics.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifecycle.contracts.Envelope;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;

import static org.awaitility.Awaitility.await;

/**
 * Produces contract records onto this run's topics, keyed by identity key as the suite's producers do, and waits
 * until the service has applied them: its consumer group's committed offsets (committed only after the database
 * commit) have reached the end of every partition.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TopicWriter() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends the records to a topic (unprefixed name from {@link Topics}) and waits for the broker's acks. */
    public void send(String topic, List<? extends Envelope> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (Envelope record : records) {
            acks.add(producer.send(new ProducerRecord<>(IsolatedInfrastructure.topic(topic), record.identityKey(),
                    new String(LifecycleJson.encode(record), java.nio.charset.StandardCharsets.UTF_8))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("A test record was not acknowledged", e);
            }
        }
    }

    /** Sends raw text (e.g. a value that is not a valid record) to a topic. */
    public void sendRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(IsolatedInfrastructure.topic(topic), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("A test record was not acknowledged", e);
        }
    }

    /** Waits until the service has committed offsets up to the end of every partition of the given topics. */
    public static void awaitApplied(Duration atMost, String... topics) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < IsolatedInfrastructure.PARTITIONS; p++) {
                    ends.put(new TopicPartition(IsolatedInfrastructure.topic(topic), p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get();
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(IsolatedInfrastructure.consumerGroup())
                        .partitionsToOffsetAndMetadata().get();
                return latest.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not read the offsets", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
