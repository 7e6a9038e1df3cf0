package org.lifecycle.segmentation.profile.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.profile.service.TopicNames;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Where each partition of {@code lifecycle.events} ends, and how far the service's consumer group has committed it:
 * what the time sweeper compares with the offsets applied to tell a partition that is caught up from one still
 * replaying or lagging. Read from the broker through an admin client; when the broker cannot be asked, the last
 * answer stands (or none, before the first).
 */
@ApplicationScoped
public class EventStreamEnds {

    /** How old an answer may be for readers that accept one not quite fresh (explanations, jobs). */
    private static final Duration RECENT = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Per partition: the end (the offset the next record will get) and the floor (the first offset still there, or
     * the group's committed offset when higher): a partition is caught up when everything below its end is applied.
     */
    public record Ends(Map<Integer, Long> end, Map<Integer, Long> floor) {
    }

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final String group;
    private volatile Admin admin;
    private volatile Ends last;
    private volatile long lastAtNanos;
    private volatile boolean failing;

    public EventStreamEnds(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            SegmentationSettings settings,
            @ConfigProperty(name = "mp.messaging.incoming.events.group.id") String group) {
        this.kafkaConfig = kafkaConfig;
        this.topic = new TopicNames(settings.topicPrefix().orElse("")).events();
        this.group = group;
    }

    /** The ends as the broker gives them now; the last known ones (or {@code null}) if it cannot be asked. */
    public Uni<Ends> fresh() {
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            return Uni.createFrom().item(failed(e));
        }
        return Uni.createFrom().completionStage(() -> client.describeTopics(Set.of(topic)).allTopicNames()
                .toCompletionStage())
                .chain(topics -> {
                    TopicDescription description = topics.get(topic);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                    description.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(topic, p.partition());
                        latest.put(tp, OffsetSpec.latest());
                        earliest.put(tp, OffsetSpec.earliest());
                    });
                    return Uni.combine().all()
                            .unis(Uni.createFrom().completionStage(() -> client.listOffsets(latest).all()
                                    .toCompletionStage()),
                                    Uni.createFrom().completionStage(() -> client.listOffsets(earliest).all()
                                            .toCompletionStage()),
                                    Uni.createFrom().completionStage(() -> client.listConsumerGroupOffsets(group)
                                            .partitionsToOffsetAndMetadata().toCompletionStage()))
                            .asTuple();
                })
                .ifNoItem().after(TIMEOUT).fail()
                .map(t -> {
                    Map<Integer, Long> end = new HashMap<>();
                    Map<Integer, Long> floor = new HashMap<>();
                    t.getItem1().forEach((tp, info) -> end.put(tp.partition(), info.offset()));
                    t.getItem2().forEach((tp, info) -> floor.put(tp.partition(), info.offset()));
                    Map<TopicPartition, OffsetAndMetadata> committed = t.getItem3();
                    committed.forEach((tp, offset) -> {
                        if (offset != null && topic.equals(tp.topic())) {
                            floor.merge(tp.partition(), offset.offset(), Math::max);
                        }
                    });
                    Ends ends = new Ends(Map.copyOf(end), Map.copyOf(floor));
                    last = ends;
                    lastAtNanos = System.nanoTime();
                    if (failing) {
                        failing = false;
                        Log.infof("The ends of %s can be read again", topic);
                    }
                    return ends;
                })
                .onFailure().recoverWithItem(this::failed);
    }

    /** The ends read at most a second ago, else fresh ones. */
    public Uni<Ends> recent() {
        Ends known = last;
        if (known != null && System.nanoTime() - lastAtNanos < RECENT.toNanos()) {
            return Uni.createFrom().item(known);
        }
        return fresh();
    }

    private Ends failed(Throwable e) {
        if (!failing) {
            failing = true;
            Log.warnf("Cannot read the ends of %s (%s); time is held where the last answer left it", topic,
                    e.getMessage());
        }
        return last;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                a = admin;
                if (a == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            config.put(key, value);
                        }
                    });
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "segmentation-stream-ends");
                    a = Admin.create(config);
                    admin = a;
                }
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
