package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers of survey and support webhooks known only by email arrive as the anonymous id {@code email:<address>}
 * (ingestion's webhooks, the address in lower case); they join the profile whose identify traits carry that
 * address, whichever comes first.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class EmailIdentityTest {

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Test
    void aWebhookCustomerKnownByEmailMergesIntoTheCustomerWhoLaterIdentifiesWithThatEmail() {
        String user = Events.newCustomer();
        String address = "Ada." + UUID.randomUUID().toString().substring(0, 8) + "@Example.COM";
        String emailId = "email:" + address.toLowerCase(Locale.ROOT);
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.order(user, "o-" + user, at, "30.00"));
        String customerProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())).getFirst()
                .value().path("profileId").asText();
        TestKafka.send(survey(emailId, address, at.plusSeconds(60)));
        String emailProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> emailId.equals(r.key())).getFirst()
                .value().path("profileId").asText();
        assertThat(emailProfile).isNotEqualTo(customerProfile);

        TestKafka.send(Events.identify(user, at.plusSeconds(120), address));

        Read merged = TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> "profile.merged".equals(r.value().path("type").asText())
                        && customerProfile.equals(r.value().path("profileId").asText()))
                .getFirst();
        assertThat(merged.value().path("mergedProfileId").asText()).isEqualTo(emailProfile);
        assertThat(merged.value().path("cause").path("rule").asText()).contains(emailId);
        assertThat(profileOf(emailId)).isEqualTo(customerProfile);
        assertThat(count("select count(*) from profile where id = $1", UUID.fromString(emailProfile))).isZero();
        assertThat(given().get("/api/profiles/" + customerProfile).then().statusCode(200).extract().jsonPath()
                .getList("identities.anonymousIds", String.class)).contains(emailId);
    }

    @Test
    void aWebhookEventForAnEmailAlreadyIdentifiedGoesToThatCustomer() {
        String user = Events.newCustomer();
        String address = "Grace." + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
        String emailId = "email:" + address.toLowerCase(Locale.ROOT);
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.identify(user, at, " " + address + " "));
        String customerProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())).getFirst()
                .value().path("profileId").asText();

        TestKafka.send(survey(emailId, address, at.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> at.plusSeconds(60)
                .equals(Instant.parse(given().get("/api/profiles/" + customerProfile).then().statusCode(200)
                        .extract().path("lastSeen"))));
        assertThat(profileOf(emailId)).isEqualTo(customerProfile);
        assertThat(count("select count(*) from identity where profile_id = $1", UUID.fromString(customerProfile)))
                .isEqualTo(2);
        assertThat(TestKafka.records(Topics.TRANSITIONS, r -> emailId.equals(r.key()))).isEmpty();
    }

    @Test
    void anAddressTwoAccountsShareJoinsNeitherToTheOther() {
        String first = Events.newCustomer();
        String second = Events.newCustomer();
        String address = "family." + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.identify(first, at, address));
        String firstProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> first.equals(r.key())).getFirst()
                .value().path("profileId").asText();
        TestKafka.send(Events.identify(second, at.plusSeconds(60), address));
        String secondProfile = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> second.equals(r.key()))
                .getFirst().value().path("profileId").asText();

        assertThat(secondProfile).isNotEqualTo(firstProfile);
        assertThat(profileOf("email:" + address)).isEqualTo(firstProfile);
        assertThat(TestKafka.records(Topics.TRANSITIONS,
                r -> "profile.merged".equals(r.value().path("type").asText())
                        && (first.equals(r.key()) || second.equals(r.key()))))
                .isEmpty();
    }

    /** A survey answer as ingestion's webhook publishes it for a respondent known only by email. */
    private static CustomerEvent survey(String emailId, String address, Instant at) {
        ObjectNode context = LifecycleJson.mapper().createObjectNode();
        context.putObject("traits").put("email", address);
        return CustomerEvent.builder(MessageType.TRACK, Events.SOURCE, UUID.randomUUID().toString())
                .occurredAt(at).receivedAt(at).anonymousId(emailId).event("Survey Responded")
                .properties(LifecycleJson.mapper().createObjectNode().put("score", 9)).context(context).build();
    }

    private static String profileOf(String anonymousId) {
        return given().queryParam("anonymousId", anonymousId).get("/api/profiles").then().statusCode(200).extract()
                .path("items[0].id");
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
