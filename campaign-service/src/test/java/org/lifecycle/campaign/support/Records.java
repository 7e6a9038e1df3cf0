package org.lifecycle.campaign.support;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifecycle.contracts.Envelope;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Publishes records onto the test application's own topics on the real broker, as the other services would. */
public final class Records {

    private static KafkaProducer<String, String> producer;

    private Records() {
    }

    public static synchronized void publish(String topic, Envelope record) {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        String name = Topics.prefixed(ConfigProvider.getConfig().getValue("lifecycle.topic-prefix", String.class),
                topic);
        try {
            producer.send(new ProducerRecord<>(name, record.identityKey(),
                    LifecycleJson.mapper().valueToTree(record).toString())).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not publish to " + name, e);
        }
    }

    public static CustomerEvent identify(String customer, Instant at, ObjectNode traits) {
        return CustomerEvent.builder(MessageType.IDENTIFY, "test-source", UUID.randomUUID().toString())
                .userId(customer).occurredAt(at).receivedAt(at).traits(traits).build();
    }

    public static CustomerEvent track(String customer, String event, Instant at, ObjectNode properties) {
        return CustomerEvent.builder(MessageType.TRACK, "test-source", UUID.randomUUID().toString())
                .userId(customer).event(event).occurredAt(at).receivedAt(at).properties(properties).build();
    }

    public static MembershipChange entered(String customer, String segment, Instant at) {
        return new MembershipChange(UUID.randomUUID().toString(), MembershipChangeType.SEGMENT_ENTERED,
                MembershipChange.VERSION, at, at, "profile-" + customer, customer, "segment-" + segment, segment,
                SegmentKind.CUSTOM, true, "test");
    }

    public static DeletionRequest deletion(String customer, Instant at) {
        return new DeletionRequest(UUID.randomUUID().toString(), DeletionType.PROFILE_DELETED,
                DeletionRequest.VERSION, at, at, customer, null, "test-source", "test", "profile-" + customer);
    }

    public static ObjectNode object() {
        return LifecycleJson.mapper().createObjectNode();
    }
}
