package org.lifecycle.segmentation.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay stops after Kafka took part of a batch and before it deleted the rows: the relay that takes over sends
 * the rest, and nothing twice.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(OutboxCrashTest.RelayStopped.class)
class OutboxCrashTest {

    /** The relay does not start by itself: the test plays the crashed one, then starts a new one. */
    public static class RelayStopped implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() { return Map.of("lifecycle.outbox.relay-enabled", "false"); }
    }

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void aCrashBetweenCommitAndPublishLosesNoTransitionAndDuplicatesNone() throws Exception {
        String user = Events.newCustomer();
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.identify(user, at, null), Events.order(user, "o1-" + user, at.plusSeconds(10), "20"),
                Events.order(user, "o2-" + user, at.plusSeconds(20), "30"));
        // committed, not published: the changes wait in the outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingTransitions(user).size() == 3);
        List<OutboxRepository.Pending> pending = outbox.oldest(1000).await().indefinitely();
        assertThat(TestKafka.records(Topics.TRANSITIONS, r -> user.equals(r.key()))).isEmpty();

        // the crashed relay had published the first half of everything pending when it stopped
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (OutboxRepository.Pending message : pending.subList(0, pending.size() / 2)) {
                ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(),
                        message.payload());
                record.headers().add(OutboxRelay.OUTBOX_ID_HEADER,
                        Long.toString(message.id()).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        relay.begin();

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.backlog().await().indefinitely() == 0);
        List<Read> published = TestKafka.records(Topics.TRANSITIONS, r -> user.equals(r.key()));
        assertThat(published).extracting(r -> r.value().path("toStage").asText())
                .containsExactly("prospect", "new_customer", "active");
        List<Read> memberships = TestKafka.records(Topics.MEMBERSHIPS, r -> user.equals(r.key()));
        assertThat(memberships).extracting(r -> r.value().path("id").asText()).doesNotHaveDuplicates();
        assertThat(memberships).hasSize((int) pending.stream().filter(p -> p.topic().endsWith(Topics.MEMBERSHIPS)
                && p.key().equals(user)).count());
    }

    private List<OutboxRepository.Pending> pendingTransitions(String user) {
        return outbox.oldest(1000).await().indefinitely().stream()
                .filter(p -> p.topic().endsWith(Topics.TRANSITIONS) && p.key().equals(user)).toList();
    }
}
