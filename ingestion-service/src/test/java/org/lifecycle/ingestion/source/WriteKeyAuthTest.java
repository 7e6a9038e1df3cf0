package org.lifecycle.ingestion.source;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.Sources.TestSource;
import org.lifecycle.ingestion.support.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Unknown, revoked or missing write keys get 401 and nothing of their request reaches Kafka. */
@QuarkusTest
class WriteKeyAuthTest {

    private static TopicProbe events;

    @BeforeAll
    static void openTopic() {
        events = new TopicProbe(Topics.EVENTS);
    }

    @AfterAll
    static void closeTopic() {
        events.close();
    }

    @Test
    void missingWriteKeyIsRefused() {
        String marker = "u-" + UUID.randomUUID();
        var mark = events.mark();
        given().contentType(ContentType.JSON).body(track(marker)).post("/v1/track")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("field", equalTo("writeKey"));
        assertNothingFor(mark, marker);
    }

    @Test
    void unknownWriteKeyIsRefusedInTheHeaderAndInTheBody() {
        String marker = "u-" + UUID.randomUUID();
        var mark = events.mark();
        given().auth().preemptive().basic("lc_not-a-real-key", "").contentType(ContentType.JSON).body(track(marker))
                .post("/v1/track")
                .then().statusCode(401).body("field", equalTo("Authorization"));
        given().contentType(ContentType.JSON)
                .body("{\"writeKey\":\"lc_nope\",\"batch\":[{\"type\":\"track\",\"userId\":\"" + marker
                        + "\",\"event\":\"e\"}]}")
                .post("/v1/batch")
                .then().statusCode(401).body("field", equalTo("writeKey"));
        assertNothingFor(mark, marker);
    }

    @Test
    void malformedAuthorizationHeaderIsRefused() {
        String marker = "u-" + UUID.randomUUID();
        var mark = events.mark();
        given().header("Authorization", "Basic %%%not-base64").contentType(ContentType.JSON).body(track(marker))
                .post("/v1/track").then().statusCode(401).body("field", equalTo("Authorization"));
        given().header("Authorization", "Bearer something").contentType(ContentType.JSON).body(track(marker))
                .post("/v1/track").then().statusCode(401).body("field", equalTo("Authorization"));
        assertNothingFor(mark, marker);
    }

    @Test
    void revokedWriteKeyStopsWorkingAtOnce() {
        TestSource source = Sources.create("revoke");
        send(source.writeKey(), "u-" + UUID.randomUUID()).statusCode(200);

        given().auth().oauth2(Sources.ADMIN_TOKEN).post("/admin/sources/" + source.id() + "/revoke")
                .then().statusCode(200).body("keys[0].active", equalTo(false));

        String marker = "u-" + UUID.randomUUID();
        var mark = events.mark();
        send(source.writeKey(), marker).statusCode(401).body("detail", equalTo("The write key is unknown or revoked"));
        assertNothingFor(mark, marker);
    }

    @Test
    void rotationIssuesANewKeyAndRetiresTheOld() {
        TestSource source = Sources.create("rotate");
        String newKey = given().auth().oauth2(Sources.ADMIN_TOKEN)
                .post("/admin/sources/" + source.id() + "/rotate")
                .then().statusCode(200).extract().path("writeKey");
        assertThat(newKey).isNotEqualTo(source.writeKey()).startsWith("lc_");
        send(source.writeKey(), "u-" + UUID.randomUUID()).statusCode(401);
        send(newKey, "u-" + UUID.randomUUID()).statusCode(200);
    }

    @Test
    void rotationWithGracePeriodKeepsTheOldKeyWorkingForAWhile() {
        TestSource source = Sources.create("rotate-grace");
        String newKey = given().auth().oauth2(Sources.ADMIN_TOKEN).queryParam("graceSeconds", 3600)
                .post("/admin/sources/" + source.id() + "/rotate")
                .then().statusCode(200).extract().path("writeKey");
        send(source.writeKey(), "u-" + UUID.randomUUID()).statusCode(200);
        send(newKey, "u-" + UUID.randomUUID()).statusCode(200);
    }

    private static ValidatableResponse send(String writeKey, String userId) {
        return given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(track(userId))
                .post("/v1/track").then();
    }

    private static String track(String userId) {
        return "{\"userId\":\"" + userId + "\",\"event\":\"Signed Up\"}";
    }

    private static void assertNothingFor(TopicProbe.Mark mark, String userId) {
        assertThat(events.since(mark)).noneMatch(r -> userId.equals(r.value().path("userId").asText()));
    }
}
