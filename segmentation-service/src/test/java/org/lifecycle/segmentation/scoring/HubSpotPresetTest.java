package org.lifecycle.segmentation.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The HubSpot stage preset, picked through the stage model API and activated, driven by events published on the
 * events topic, in an application of its own: activating a model changes every profile's stage.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(HubSpotPresetTest.OwnApplication.class)
class HubSpotPresetTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    TestClock clock;

    @Test
    void aContactMovesForwardFromSubscriberToEvangelistOnRealEventsAndNeverBack() {
        JsonPath plan = given().contentType(ContentType.JSON).body("""
                {"key": "engagement", "name": "Engagement",
                 "rules": [{"key": "clicks", "event": "Email Link Clicked", "points": 10}]}""")
                .when().post("/api/scoring-plans").then().statusCode(201).extract().jsonPath();
        JobProgress.follow(plan.getString("job.id"));

        given().get("/api/stage-models/presets").then().statusCode(200)
                .body("key", hasItem("hubspot"))
                .body("find { it.key == 'hubspot' }.options.forward_only", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"preset\": \"hubspot\", \"options\": {\"mql_threshold\": -1}}")
                .when().post("/api/stage-models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("/options/mql_threshold"));
        given().contentType(ContentType.JSON).body("{\"preset\": \"salesforce\"}")
                .when().post("/api/stage-models")
                .then().statusCode(400).body("field", equalTo("/preset"));
        int version = given().contentType(ContentType.JSON)
                .body("{\"preset\": \"hubspot\", \"options\": {\"mql_plan\": \"engagement\", \"mql_threshold\": 30}}")
                .when().post("/api/stage-models")
                .then().statusCode(201)
                .body("definition.forward_only", equalTo(true))
                .body("stages.key", equalTo(List.of("evangelist", "customer", "opportunity", "sales_qualified_lead",
                        "marketing_qualified_lead", "lead", "subscriber", "visitor")))
                .extract().path("version");
        JsonPath activated = given().when().post("/api/stage-models/" + version + "/activate")
                .then().statusCode(200).extract().jsonPath();
        assertThat(JobProgress.follow(activated.getString("job.id")).last().getString("status"))
                .isEqualTo("succeeded");

        String user = Events.newCustomer();
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.identify(user, at, user + "@example.com"));
        awaitStage(user, "subscriber", version);
        TestKafka.send(Events.track(user, null, "Form Submitted", at.plusSeconds(60), null));
        awaitStage(user, "lead", version);
        for (int i = 0; i < 3; i++) {
            TestKafka.send(Events.track(user, null, "Email Link Clicked", at.plusSeconds(120 + i), null));
        }
        Read mql = awaitStage(user, "marketing_qualified_lead", version);
        assertThat(mql.value().path("cause").path("rule").asText()).startsWith("marketing_qualified_lead: ")
                .contains("score.engagement is at least 30");
        TestKafka.send(Events.track(user, null, "Sales Qualified", at.plusSeconds(180), null));
        awaitStage(user, "sales_qualified_lead", version);
        TestKafka.send(Events.track(user, null, "Checkout Started", at.plusSeconds(240), null));
        awaitStage(user, "opportunity", version);
        TestKafka.send(Events.order(user, "o-" + user, at.plusSeconds(300), "120.00"));
        awaitStage(user, "customer", version);

        // a form and a detractor's answer would match earlier stages, a full refund takes the order away: the
        // contact stays a customer
        ObjectNode detractor = LifecycleJson.mapper().createObjectNode().put("nps_score", 4);
        ObjectNode refund = LifecycleJson.mapper().createObjectNode().put("order_id", "o-" + user);
        CustomerEvent last = Events.track(user, null, "Page Viewed", at.plusSeconds(600), null);
        TestKafka.send(Events.track(user, null, "Form Submitted", at.plusSeconds(360), null),
                Events.track(user, null, "Survey Responded", at.plusSeconds(420), detractor),
                Events.track(user, null, "Order Refunded", at.plusSeconds(480), refund), last);
        String id = given().queryParam("userId", user).get("/api/profiles").then().statusCode(200).extract()
                .path("items[0].id");
        Awaitility.await("the later events applied").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> at.plusSeconds(600).toString().equals(given().get("/api/profiles/" + id).then()
                        .statusCode(200).extract().path("lastSeen")));
        JsonPath profile = given().get("/api/profiles/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(profile.getString("stage")).isEqualTo("customer");
        assertThat(profile.getInt("orders.count")).isZero();
        assertThat(given().get("/api/profiles/" + id + "/explanation").then().statusCode(200).extract()
                .jsonPath().getString("stage.rule")).startsWith("customer: kept, the model moves customers forward "
                        + "only (opportunity: ");

        // a promoter's answer after a new order makes an evangelist
        ObjectNode promoter = LifecycleJson.mapper().createObjectNode().put("nps_score", 10);
        TestKafka.send(Events.order(user, "o2-" + user, at.plusSeconds(660), "80.00"),
                Events.track(user, null, "Survey Responded", at.plusSeconds(720), promoter));
        awaitStage(user, "evangelist", version);

        List<Read> transitions = TestKafka.records(Topics.TRANSITIONS, r -> user.equals(r.key())
                && "stage.changed".equals(r.value().path("type").asText()));
        assertThat(transitions).extracting(r -> r.value().path("toStage").asText()).containsExactly("subscriber",
                "lead", "marketing_qualified_lead", "sales_qualified_lead", "opportunity", "customer", "evangelist");
        assertThat(transitions).allSatisfy(r -> {
            assertThat(r.value().path("modelVersion").asInt()).isEqualTo(version);
            assertThat(r.value().path("cause").path("kind").asText()).isEqualTo("event");
        });
    }

    private static Read awaitStage(String user, String stage, int version) {
        return TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())
                && stage.equals(r.value().path("toStage").asText())
                && r.value().path("modelVersion").asInt() == version).getFirst();
    }
}
