package org.lifecycle.ingestion.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.ThrowawayBroker;
import org.lifecycle.ingestion.support.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** With the broker stopped, the API answers 503 with Retry-After and never 200; once it is back, 200 again. */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    /** Runs the service against a broker of its own that the test can stop. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ThrowawayBroker.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifecycle.ingestion.produce-timeout", "3s", "lifecycle.ingestion.retry-after", "7s");
        }
    }

    @Test
    void stoppedBrokerGives503WithRetryAfterNever200() {
        var source = Sources.create("outage");
        ThrowawayBroker broker = ThrowawayBroker.current();
        String before = "before-" + UUID.randomUUID();
        track(source.writeKey(), before).then().statusCode(200);

        broker.stopBroker();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                track(source.writeKey(), "during-" + UUID.randomUUID()).then()
                        .statusCode(503)
                        .header("Retry-After", "7")
                        .contentType(startsWith("application/problem+json"))
                        .body("type", equalTo("urn:lifecycle:problem:broker-unavailable"));
            }
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"));
        } finally {
            broker.startBroker();
        }

        String after = "after-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> track(source.writeKey(), after).statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Kafka broker"));

        try (var events = new TopicProbe(Topics.EVENTS, broker.bootstrap())) {
            var users = events.since(new TopicProbe.Mark(Map.of())).stream()
                    .map(r -> r.value().path("userId").asText())
                    .toList();
            assertThat(users).as("every event answered with 200 is on the topic").contains(before, after);
        }
    }

    private static io.restassured.response.Response track(String writeKey, String userId) {
        return given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"" + userId + "\",\"event\":\"Signed Up\"}")
                .post("/v1/track");
    }
}
