package org.lifecycle.segmentation.stagemodel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

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
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** A company's own stage model, activated and deactivated, in an application of its own: it changes every stage. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(StageModelTest.OwnApplication.class)
class StageModelTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String MODEL = """
            {"definition": {"stages": [
              {"key": "vip", "name": "VIP", "when": {"revenue": {"gte": 1000}, "within_days": 365}},
              {"key": "first_buyer", "name": "First buyer", "when": {"orders": {"gte": 1}}},
              {"key": "lead", "name": "Lead", "when": {"trait": "email", "op": "exists"}},
              {"key": "anonymous", "name": "Anonymous"}
            ]}}""";

    @Inject
    TestClock clock;

    @Test
    void anActivatedModelDecidesEveryProfileAgainAndVersionOneBringsTheDefaultBack() {
        Instant at = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String vip = Events.newCustomer();
        String buyer = Events.newCustomer();
        String lead = Events.newCustomer();
        String visitor = "anon-" + UUID.randomUUID();
        TestKafka.send(Events.order(vip, "o-" + vip, at, "1500.00"), Events.order(buyer, "o-" + buyer, at, "20.00"),
                Events.identify(lead, at, lead + "@example.com"), Events.page(visitor, at));
        awaitStage(vip, "new_customer", 1);
        awaitStage(buyer, "new_customer", 1);
        awaitStage(lead, "prospect", 1);
        awaitStage(visitor, "prospect", 1);

        JsonPath created = given().contentType(ContentType.JSON).body(MODEL)
                .when().post("/api/stage-models")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/stage-models/[0-9]+"))
                .body("active", equalTo(false))
                .body("stages.key", equalTo(List.of("vip", "first_buyer", "lead", "anonymous")))
                .body("stages[0].rule.revenue.gte", equalTo(1000))
                .body("stages[3].rule", nullValue())
                .extract().jsonPath();
        int version = created.getInt("version");
        assertThat(version).isGreaterThan(1);
        given().when().get("/api/stage-models/" + version).then().statusCode(200).body("stages[1].name",
                equalTo("First buyer"));
        given().when().get("/api/stage-models/active").then().statusCode(200).body("version", equalTo(1));

        JsonPath activated = given().when().post("/api/stage-models/" + version + "/activate")
                .then().statusCode(200)
                .body("version", equalTo(version))
                .body("job.kind", equalTo("stage_model"))
                .extract().jsonPath();
        assertThat(JobProgress.follow(activated.getString("job.id")).last().getString("status"))
                .isEqualTo("succeeded");

        Read toVip = awaitStage(vip, "vip", version);
        assertThat(toVip.value().path("fromStage").asText()).isEqualTo("new_customer");
        assertThat(toVip.value().path("cause").path("kind").asText()).isEqualTo("model");
        assertThat(toVip.value().path("cause").path("rule").asText()).startsWith("vip: ");
        assertThat(awaitStage(buyer, "first_buyer", version).value().path("cause").path("kind").asText())
                .isEqualTo("model");
        awaitStage(lead, "lead", version);
        awaitStage(visitor, "anonymous", version);
        TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> vip.equals(r.key())
                && "stage.vip".equals(r.value().path("segmentKey").asText()) && r.value().path("entered").asBoolean());
        TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> vip.equals(r.key())
                && "stage.new_customer".equals(r.value().path("segmentKey").asText())
                && !r.value().path("entered").asBoolean());
        given().when().get("/api/stage-models/active").then().statusCode(200).body("version", equalTo(version));
        given().when().get("/api/segments").then().statusCode(200).body("key", hasItem("stage.first_buyer"));
        // activating the version in force again changes nothing
        given().when().post("/api/stage-models/" + version + "/activate")
                .then().statusCode(200).body("job", nullValue());

        JsonPath back = given().when().post("/api/stage-models/1/activate")
                .then().statusCode(200).body("version", equalTo(1)).extract().jsonPath();
        assertThat(JobProgress.follow(back.getString("job.id")).last().getString("status")).isEqualTo("succeeded");
        Read backToDefault = TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> vip.equals(r.key())
                && "vip".equals(r.value().path("fromStage").asText())).getFirst();
        assertThat(backToDefault.value().path("toStage").asText()).isEqualTo("new_customer");
        assertThat(backToDefault.value().path("modelVersion").asInt()).isEqualTo(1);
        assertThat(backToDefault.value().path("cause").path("kind").asText()).isEqualTo("model");
        awaitStage(lead, "prospect", 1);
        given().when().get("/api/stage-models").then().statusCode(200)
                .body("find { it.version == 1 }.definition", nullValue())
                .body("find { it.version == 1 }.active", equalTo(true))
                .body("find { it.version == 1 }.stages.key",
                        equalTo(List.of("prospect", "new_customer", "active", "loyal", "at_risk", "lapsed")));
    }

    @Test
    void anInvalidModelIsRefusedWithThePlaceAtFaultAndStoresNothing() {
        int versions = given().when().get("/api/stage-models").then().statusCode(200).extract().jsonPath()
                .getList("version").size();
        refused("""
                {"definition": {"stages": [
                  {"key": "regular", "name": "Regular", "when": {"all": [{"orders": {"gte": 1}},
                                                                        {"stage": {"in": ["vip"]}}]}},
                  {"key": "other", "name": "Other"}]}}""", "/definition/stages/0/when/all/1/stage");
        refused("{}", "/definition");
        refused("""
                {"definition": {"stages": [
                  {"key": "a", "name": "A", "when": {"orders": {"gte": 1}}},
                  {"key": "b", "name": "B", "when": {"orders": {"gte": 2}}}]}}""", "/definition/stages/1/when");
        refused("""
                {"definition": {"stages": [
                  {"key": "browsing", "name": "Browsing",
                   "when": {"event": "Page Viewed", "count": {"gte": 1}, "within_days": 3650}},
                  {"key": "other", "name": "Other"}]}}""", "/definition/stages/0/when/within_days");
        assertThat(given().when().get("/api/stage-models").then().statusCode(200).extract().jsonPath()
                .getList("version")).hasSize(versions);
        given().when().get("/api/stage-models/999").then().statusCode(404).contentType("application/problem+json");
        given().when().post("/api/stage-models/999/activate").then().statusCode(404);
    }

    private static void refused(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/stage-models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    /** The transition of a customer into a stage under a model version. */
    private static Read awaitStage(String customer, String stage, int modelVersion) {
        return TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> customer.equals(r.key())
                && stage.equals(r.value().path("toStage").asText())
                && r.value().path("modelVersion").asInt() == modelVersion).getLast();
    }
}
