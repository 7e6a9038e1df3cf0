package org.lifecycle.segmentation.profile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.prediction.PredictionType;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Analytics' predictions (lifecycle.predictions) become numeric profile attributes that segment rules read. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class PredictionTest {

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Test
    void aPredictionMovesTheProfileIntoASegmentOnProbabilityAliveAndRedeliveryChangesNothingTwice() {
        String segment = createSegment();
        String user = Events.newCustomer();
        Instant at = clock.instant().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.order(user, "o-" + user, at, "40.00"));
        String profileId = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())).getFirst()
                .value().path("profileId").asText();

        CustomerPrediction fading = prediction(user, 0.2, clock.instant());
        sendPrediction(fading);
        Read entered = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> isChange(r, profileId, segment, true))
                .getFirst();
        assertThat(entered.value().path("reason").asText()).contains("probability_alive");
        assertThat(Instant.parse(entered.value().path("occurredAt").asText())).isEqualTo(fading.fittedAt());

        JsonNode profile = get("/api/profiles/" + profileId);
        assertThat(profile.path("attributes").path("probability_alive").doubleValue()).isEqualTo(0.2);
        assertThat(profile.path("attributes").path("expected_purchases").doubleValue()).isEqualTo(1.5);
        assertThat(profile.path("attributes").path("expected_order_value").doubleValue()).isEqualTo(38.5);
        assertThat(profile.path("attributes").path("predicted_clv").doubleValue()).isEqualTo(54.25);
        assertThat(profile.path("prediction").path("id").asText()).isEqualTo(fading.id());
        assertThat(profile.path("prediction").path("model").asText()).isEqualTo("bg-nbd+gamma-gamma");
        assertThat(profile.path("segments").toString()).contains("\"" + segment + "\"");
        JsonNode explanation = get("/api/profiles/" + profileId + "/explanation");
        assertThat(explanation.path("attributes").path("probability_alive").doubleValue()).isEqualTo(0.2);
        JsonNode explained = null;
        for (JsonNode s : explanation.path("segments")) {
            if (segment.equals(s.path("key").asText())) {
                explained = s;
            }
        }
        assertThat(explained).isNotNull();
        assertThat(explained.path("member").booleanValue()).isTrue();
        assertThat(explained.path("explanation").path("facts").path("probability_alive").doubleValue())
                .isEqualTo(0.2);

        // the same record again, then a newer fit that keeps the customer in the segment: the redelivered one
        // changed nothing, and the customer entered once
        sendPrediction(fading);
        CustomerPrediction still = prediction(user, 0.25, clock.instant().plusSeconds(60));
        sendPrediction(still);
        await().atMost(Duration.ofSeconds(60)).until(() -> still.id().equals(
                get("/api/profiles/" + profileId).path("prediction").path("id").asText()));
        assertThat(TestKafka.records(Topics.MEMBERSHIPS, r -> isChange(r, profileId, segment, true))).hasSize(1);
        assertThat(get("/api/profiles/" + profileId).path("attributes").path("probability_alive").doubleValue())
                .isEqualTo(0.25);

        // an older fit delivered late changes nothing; a newer one that lifts the probability takes the customer out
        sendPrediction(prediction(user, 0.9, clock.instant().minusSeconds(60)));
        sendPrediction(prediction(user, 0.7, clock.instant().plusSeconds(120)));
        Read exited = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> isChange(r, profileId, segment, false))
                .getFirst();
        assertThat(exited.value().path("reason").asText()).contains("no longer");
        assertThat(get("/api/profiles/" + profileId).path("attributes").path("probability_alive").doubleValue())
                .isEqualTo(0.7);
    }

    @Test
    void aPredictionForACustomerNotKnownYetIsKeptUntilTheirFirstEvent() {
        String segment = createSegment();
        String user = Events.newCustomer();
        CustomerPrediction early = prediction(user, 0.1, clock.instant());
        sendPrediction(early);
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(user) == 1);
        assertThat(given().queryParam("userId", user).get("/api/profiles").then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();

        TestKafka.send(Events.order(user, "o-" + user, clock.instant().minus(1, ChronoUnit.HOURS), "25.00"));
        String profileId = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())).getFirst()
                .value().path("profileId").asText();
        TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> isChange(r, profileId, segment, true));
        JsonNode profile = get("/api/profiles/" + profileId);
        assertThat(profile.path("attributes").path("probability_alive").doubleValue()).isEqualTo(0.1);
        assertThat(profile.path("prediction").path("id").asText()).isEqualTo(early.id());
        assertThat(pending(user)).isZero();
    }

    @Test
    void aRecordThatIsNotAPredictionGoesToTheDeadLetterTopic() {
        String key = Events.newCustomer();
        String garbage = "{\"id\":\"" + key + "\",\"type\":\"prediction.updated\"}";
        TestKafka.sendRaw(Topics.PREDICTIONS, key, garbage);
        Read dead = TestKafka.awaitRecords(Topics.deadLetter(Topics.PREDICTIONS), 1, r -> key.equals(r.key()))
                .getFirst();
        assertThat(dead.raw()).isEqualTo(garbage);
        assertThat(dead.headers()).containsKey("lifecycle-dlq-reason");
    }

    private static String createSegment() {
        String key = "fading_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String job = given().contentType("application/json").body("""
                {"key": "%s", "name": "Fading", "rule": {"attribute": "probability_alive", "lt": 0.3}}"""
                .formatted(key))
                .when().post("/api/segments").then().statusCode(201).extract().path("job.id");
        JobProgress.follow(job);
        return key;
    }

    private static CustomerPrediction prediction(String customer, double alive, Instant fittedAt) {
        return new CustomerPrediction(UUID.randomUUID().toString(), PredictionType.PREDICTION_UPDATED,
                CustomerPrediction.VERSION, fittedAt, fittedAt, customer, "bg-nbd+gamma-gamma", 7, alive,
                1.5, 365, 38.5, 54.25, 12, 0.1, fittedAt);
    }

    private static JsonNode get(String path) {
        try {
            return LifecycleJson.mapper().readTree(given().get(path).then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendPrediction(CustomerPrediction prediction) {
        TestKafka.sendRaw(Topics.PREDICTIONS, prediction.customer(),
                new String(LifecycleJson.encode(prediction), StandardCharsets.UTF_8));
    }

    private static boolean isChange(Read r, String profileId, String segment, boolean entered) {
        return profileId.equals(r.value().path("profileId").asText())
                && segment.equals(r.value().path("segmentKey").asText())
                && r.value().path("entered").asBoolean() == entered;
    }

    private long pending(String customer) {
        return pool.preparedQuery("select count(*) from pending_prediction where customer = $1")
                .execute(Tuple.of(customer)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
