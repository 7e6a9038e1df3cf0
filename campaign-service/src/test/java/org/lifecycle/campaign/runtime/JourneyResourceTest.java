package org.lifecycle.campaign.runtime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** The journeys API: JSON definitions checked whole, versions, status moves, ready-made journeys. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class JourneyResourceTest {

    private static final String WAIT_ONLY = """
            {"key": "%KEY%", "name": "Waits", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "steps": [{"id": "pause", "type": "wait", "duration": "P1D"}]}""";

    @Inject
    TestClock clock;

    @Test
    void anInvalidJourneyIsRefusedWithThePointerOfEachFaultAndNothingIsStored() {
        String key = Contacts.unique("bad").replace('-', '_');
        String body = """
                {"key": "%KEY%", "name": "Broken", "trigger": {"type": "event", "event": "X"},
                 "steps": [{"id": "s", "type": "send", "channel": "fax", "template": "t"},
                           {"id": "w", "type": "wait", "duration": "soon"}]}""".replace("%KEY%", key);

        given().contentType(ContentType.JSON).body(body).post("/api/journeys").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("/steps/0/channel"))
                .body("errors.field", hasItem("/steps/1/duration"));
        given().get("/api/journeys/" + key).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everySaveIsANewVersionAndStatusMovesFollowTheRules() {
        String key = Contacts.unique("v").replace('-', '_');
        String v1 = WAIT_ONLY.replace("%KEY%", key);
        given().contentType(ContentType.JSON).body(v1).post("/api/journeys").then().statusCode(201)
                .header("Location", containsString("/api/journeys/" + key))
                .body("status", equalTo("draft")).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(v1).post("/api/journeys").then().statusCode(409);
        given().contentType(ContentType.JSON).body(v1.replace("\"Waits\"", "\"Waits longer\"")).put("/api/journeys/"
                + key).then().statusCode(200).body("version", equalTo(2)).body("definition.name",
                        equalTo("Waits longer"));
        given().contentType(ContentType.JSON).body(v1.replace("\"key\": \"" + key, "\"key\": \"other"))
                .put("/api/journeys/" + key).then().statusCode(400).body("field", equalTo("/key"));
        given().get("/api/journeys/" + key + "/versions").then().statusCode(200).body("$", hasSize(2))
                .body("[1].definition.name", equalTo("Waits"));
        given().get("/api/journeys/" + key + "/versions/1").then().statusCode(200).body("version", equalTo(1));

        given().post("/api/journeys/" + key + "/pause").then().statusCode(409);
        given().post("/api/journeys/" + key + "/activate").then().statusCode(200).body("status", equalTo("active"));
        given().post("/api/journeys/" + key + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        given().post("/api/journeys/" + key + "/activate").then().statusCode(200);
        given().post("/api/journeys/" + key + "/archive").then().statusCode(200).body("status",
                equalTo("archived"));
        given().post("/api/journeys/" + key + "/activate").then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(v1).put("/api/journeys/" + key).then().statusCode(409);
    }

    @Test
    void enrollmentsKeepTheVersionTheyEnteredAndArchivingStopsThem() {
        String key = Journeys.activate(WAIT_ONLY);
        String early = Contacts.unique("c");
        Records.publish(Topics.EVENTS, Records.track(early, "Signed Up " + key, clock.instant(), Records.object()));
        Journeys.awaitEnrollments(early, list -> list.size() == 1);

        given().contentType(ContentType.JSON).body(WAIT_ONLY.replace("%KEY%", key).replace("P1D", "P2D"))
                .put("/api/journeys/" + key).then().statusCode(200).body("version", equalTo(2));
        String late = Contacts.unique("c");
        Records.publish(Topics.EVENTS, Records.track(late, "Signed Up " + key, clock.instant(), Records.object()));
        Journeys.awaitEnrollments(late, list -> list.size() == 1);

        assertThat(Journeys.enrollments(early).getFirst()).containsEntry("journeyVersion", 1)
                .containsEntry("status", "WAITING");
        assertThat(Journeys.enrollments(late).getFirst()).containsEntry("journeyVersion", 2);
        given().get("/api/journeys/" + key + "/steps").then().statusCode(200)
                .body("versions.version", hasItem(1)).body("versions.version", hasItem(2))
                .body("versions[0].steps[0].waiting", equalTo(1));

        given().delete("/api/journeys/" + key).then().statusCode(200).body("status", equalTo("archived"));
        assertThat(Journeys.enrollments(early).getFirst()).containsEntry("status", "EXITED")
                .containsEntry("exitReason", "JOURNEY_ARCHIVED");
    }

    @Test
    void aReadyMadeJourneyIsCopiedAsADraft() {
        given().get("/api/journeys/library").then().statusCode(200).body("$", hasItem("win_back_lapsed"));
        String key = Contacts.unique("wb").replace('-', '_');
        given().queryParam("key", key).post("/api/journeys/library/win_back_lapsed").then().statusCode(201)
                .body("key", equalTo(key)).body("status", equalTo("draft"))
                .body("definition.trigger.type", equalTo("stage_entered"));
        given().post("/api/journeys/library/no_such_journey").then().statusCode(404);
    }
}
