package org.lifecycle.analytics.aggregate.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lifecycle.contracts.DeadLetter;
import org.lifecycle.contracts.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a record that cannot be applied to its topic's dead-letter topic, unchanged, with the reason and its origin
 * in headers, so that the rest of the partition goes on and the record can be inspected and replayed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final MutinyEmitter<String> emitter;
    private final Counter deadLettered;

    public DeadLetterPublisher(@Channel("dead-letters") MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.deadLettered = Counter.builder("lifecycle_analytics_records_dead_lettered")
                .description("Records sent to a dead-letter topic").register(registry);
    }

    public Uni<Void> send(ConsumerRecord<String, String> record, String reason) {
        deadLettered.increment();
        Log.warnf("Record at %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REASON, bytes(reason));
        headers.add(DeadLetter.ORIGINAL_TOPIC, bytes(record.topic()));
        headers.add(DeadLetter.ORIGINAL_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(DeadLetter.ORIGINAL_OFFSET, bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(record.topic()))
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(String.valueOf(record.value())).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
