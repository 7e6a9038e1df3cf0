package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class IdentityAndDeletionTest {

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Test
    void anonymousBrowsingMergesIntoTheCustomerWhoIdentifies() {
        String user = Events.newCustomer();
        String device = "anon-" + UUID.randomUUID();
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.order(user, "o-" + user, at, "60.00"));
        TestKafka.send(Events.page(device, at.plusSeconds(60)), Events.page(device, at.plusSeconds(120)));
        Read anonymousFirst = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> device.equals(r.key())).getFirst();
        String anonymousProfile = anonymousFirst.value().path("profileId").asText();
        String customerProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())).getFirst()
                .value().path("profileId").asText();
        assertThat(anonymousProfile).isNotEqualTo(customerProfile);

        TestKafka.send(Events.identify(user, device, at.plusSeconds(180),
                LifecycleJson.mapper().createObjectNode().put("email", user + "@example.com")));

        Read merged = TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> "profile.merged".equals(r.value().path("type").asText())
                        && customerProfile.equals(r.value().path("profileId").asText()))
                .getFirst();
        assertThat(merged.value().path("mergedProfileId").asText()).isEqualTo(anonymousProfile);
        assertThat(merged.value().path("toStage").asText()).isEqualTo("new_customer");
        assertThat(merged.value().path("cause").path("kind").asText()).isEqualTo("merge");
        // the anonymous profile's segments end, and its browsing now counts for the customer
        List<Read> exits = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1,
                r -> anonymousProfile.equals(r.value().path("profileId").asText())
                        && !r.value().path("entered").asBoolean()
                        && r.value().path("reason").asText().startsWith("merged into"));
        assertThat(exits).extracting(r -> r.value().path("segmentKey").asText()).contains("stage.prospect");
        TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1,
                r -> customerProfile.equals(r.value().path("profileId").asText())
                        && "behaviour.engaged".equals(r.value().path("segmentKey").asText())
                        && r.value().path("entered").asBoolean());
        assertThat(count("select count(*) from profile where id = $1", UUID.fromString(anonymousProfile))).isZero();
        // the user id, the device and the email identity of the identify call's address
        assertThat(count("select count(*) from identity where profile_id = $1", UUID.fromString(customerProfile)))
                .isEqualTo(3);
    }

    @Test
    void deletionErasesTheProfileAndPublishesATombstone() {
        String user = Events.newCustomer();
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.identify(user, at, user + "@example.com"), Events.order(user, "o-" + user,
                at.plusSeconds(1), "40.00"));
        String profileId = TestKafka.awaitRecords(Topics.TRANSITIONS, 2, r -> user.equals(r.key())).getFirst().value()
                .path("profileId").asText();

        DeletionRequest request = new DeletionRequest(UUID.randomUUID().toString(), DeletionType.DELETION_REQUESTED,
                DeletionRequest.VERSION, clock.instant(), clock.instant(), user, null, null, "admin", null);
        String json = new String(LifecycleJson.encode(request), java.nio.charset.StandardCharsets.UTF_8);
        TestKafka.sendRaw(Topics.DELETIONS, user, json);
        TestKafka.sendRaw(Topics.DELETIONS, user, json);

        Read tombstone = TestKafka.awaitRecords(Topics.DELETIONS, 1,
                r -> "profile.deleted".equals(r.value().path("type").asText()) && user.equals(r.key())).getFirst();
        assertThat(tombstone.value().path("profileId").asText()).isEqualTo(profileId);
        UUID id = UUID.fromString(profileId);
        assertThat(count("select count(*) from profile where id = $1", id)).isZero();
        assertThat(count("select count(*) from identity where profile_id = $1", id)).isZero();
        assertThat(count("select count(*) from transition where profile_id = $1", id)).isZero();
        assertThat(count("select count(*) from membership_change where profile_id = $1", id)).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> TestKafka.records(
                Topics.DELETIONS, r -> "profile.deleted".equals(r.value().path("type").asText())
                        && user.equals(r.key()))
                .size() == 1);
    }

    @Test
    void anEventThatCannotBeReadGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String user = Events.newCustomer();
        String garbage = "{\"id\":\"" + user + "\",\"type\":\"track\",\"not\":\"an event\"";
        TestKafka.sendRaw(Topics.EVENTS, user, garbage);
        TestKafka.send(Events.order(user, "o-" + user, clock.instant().minusSeconds(60), "10.00"));

        Read dead = TestKafka.awaitRecords(Topics.deadLetter(Topics.EVENTS), 1, r -> user.equals(r.key())).getFirst();
        assertThat(dead.raw()).isEqualTo(garbage);
        assertThat(dead.headers()).containsKey("lifecycle-dlq-reason");
        TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> user.equals(r.key()) && "new_customer".equals(r.value().path("toStage").asText()));
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
