package org.lifecycle.segmentation.segment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class SegmentDefinitionTest {

    @Inject
    TestClock clock;

    @Test
    void creatingASegmentFindsItsMembersAmongExistingProfilesWithTheJobsProgressVisible() {
        String cohort = UUID.randomUUID().toString();
        String buyer = customer(cohort, "90.00");
        String other = customer(cohort, "50.00");
        String browser = customer(cohort, null);
        String key = key("buyers");

        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("key", key, "name", "Buyers",
                "description", "Bought at least once", "rule", cohortRule(cohort, "{\"orders\": {\"gte\": 1}}")))
                .when().post("/api/segments")
                .then().statusCode(201)
                .header("Location", endsWith("/api/segments/" + key))
                .body("key", equalTo(key))
                .body("kind", equalTo("custom"))
                .body("version", equalTo(1))
                .body("job.kind", equalTo("segment_backfill"))
                .body("job.subject", equalTo("segment:" + key))
                .extract().jsonPath();
        String segmentId = created.getString("id");

        JobProgress.Followed job = JobProgress.follow(created.getString("job.id"));
        assertThat(job.last().getString("status")).isEqualTo("succeeded");
        assertThat(job.last().getLong("done")).isEqualTo(job.last().getLong("total")).isPositive();
        assertThat(job.last().getInt("percent")).isEqualTo(100);
        assertThat(job.last().getString("startedAt")).isNotNull();
        assertThat(job.last().getString("finishedAt")).isNotNull();
        assertThat(job.done()).isSorted();

        List<Read> entries = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 2,
                r -> key.equals(r.value().path("segmentKey").asText()) && r.value().path("entered").asBoolean());
        assertThat(entries).extracting(Read::key).containsExactlyInAnyOrder(buyer, other);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.value().path("segmentId").asText()).isEqualTo(segmentId);
            assertThat(entry.value().path("segmentKind").asText()).isEqualTo("custom");
        });
        assertThat(TestKafka.records(Topics.MEMBERSHIPS,
                r -> browser.equals(r.key()) && key.equals(r.value().path("segmentKey").asText()))).isEmpty();

        given().when().get("/api/segments/" + key)
                .then().statusCode(200)
                .body("id", equalTo(segmentId))
                .body("version", equalTo(1))
                .body("rule.all[1].orders.gte", equalTo(1))
                .body("ruleText", notNullValue());
        given().when().get("/api/segments")
                .then().statusCode(200)
                .body("key", hasItems(key, "stage.prospect", "stage.lapsed", "rfm.champions", "rfm.about_to_lose",
                        "behaviour.engaged", "behaviour.not_loyal"))
                .body("find { it.key == 'behaviour.repeat_buyers' }.rule.orders.gte", equalTo(2))
                .body("find { it.key == 'behaviour.repeat_buyers' }.kind", equalTo("behaviour"))
                .body("find { it.key == 'stage.at_risk' }.kind", equalTo("stage"));
        given().when().get("/api/segments/behaviour.engaged").then().statusCode(200).body("name", equalTo("Engaged"));
        given().when().get("/api/jobs")
                .then().statusCode(200)
                .body("id", hasItem(created.getString("job.id")));
    }

    @Test
    void changingASegmentMovesMembersOutAndDeletingItTakesEveryoneOut() {
        String cohort = UUID.randomUUID().toString();
        String big = customer(cohort, "90.00");
        String small = customer(cohort, "50.00");
        String key = key("spenders");
        String segmentId = given().contentType(ContentType.JSON)
                .body(Map.of("key", key, "name", "Spenders", "rule", cohortRule(cohort, "{\"orders\": {\"gte\": 1}}")))
                .when().post("/api/segments")
                .then().statusCode(201).extract().jsonPath().getString("id");
        TestKafka.awaitRecords(Topics.MEMBERSHIPS, 2,
                r -> key.equals(r.value().path("segmentKey").asText()) && r.value().path("entered").asBoolean());

        JsonPath updated = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Big spenders", "rule", cohortRule(cohort, "{\"revenue\": {\"gte\": 80}}")))
                .when().put("/api/segments/" + key)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("name", equalTo("Big spenders"))
                .body("id", equalTo(segmentId))
                .extract().jsonPath();
        assertThat(JobProgress.follow(updated.getString("job.id")).last().getString("status"))
                .isEqualTo("succeeded");
        Read smallLeft = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> small.equals(r.key())
                && key.equals(r.value().path("segmentKey").asText()) && !r.value().path("entered").asBoolean())
                .getFirst();
        assertThat(smallLeft.value().path("segmentId").asText()).isEqualTo(segmentId);
        assertThat(TestKafka.records(Topics.MEMBERSHIPS, r -> big.equals(r.key())
                && key.equals(r.value().path("segmentKey").asText()) && !r.value().path("entered").asBoolean()))
                .isEmpty();

        JsonPath deleted = given().when().delete("/api/segments/" + key)
                .then().statusCode(200)
                .body("job.kind", equalTo("segment_removal"))
                .extract().jsonPath();
        assertThat(JobProgress.follow(deleted.getString("job.id")).last().getString("status"))
                .isEqualTo("succeeded");
        Read bigLeft = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> big.equals(r.key())
                && key.equals(r.value().path("segmentKey").asText()) && !r.value().path("entered").asBoolean())
                .getFirst();
        // the exit names the deleted segment as its entry did
        assertThat(bigLeft.value().path("segmentId").asText()).isEqualTo(segmentId);
        assertThat(bigLeft.value().path("segmentKind").asText()).isEqualTo("custom");
        given().when().get("/api/segments/" + key).then().statusCode(404);
        given().when().delete("/api/segments/" + key).then().statusCode(404);

        // the same key again is the same segment to campaigns, in its next version
        given().contentType(ContentType.JSON)
                .body(Map.of("key", key, "name", "Spenders again", "rule", cohortRule(cohort,
                        "{\"orders\": {\"gte\": 1}}")))
                .when().post("/api/segments")
                .then().statusCode(201)
                .body("id", equalTo(segmentId))
                .body("version", equalTo(3));
    }

    @Test
    void aTakenKeyIsAConflictAndUnknownOrBuiltInSegmentsCannotBeChanged() {
        String key = key("taken");
        Map<String, Object> body = Map.of("key", key, "name", "Taken", "rule", rule("{\"orders\": {\"gte\": 1}}"));
        given().contentType(ContentType.JSON).body(body).when().post("/api/segments").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/segments")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
        given().when().get("/api/segments/" + key).then().statusCode(200).body("version", equalTo(1));

        String unknown = key("unknown");
        given().when().get("/api/segments/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "rule", rule("{\"orders\": {\"gte\": 1}}")))
                .when().put("/api/segments/" + unknown)
                .then().statusCode(404);
        given().when().delete("/api/segments/" + unknown).then().statusCode(404);
        given().when().delete("/api/segments/stage.active").then().statusCode(400).body("field", equalTo("key"));
        given().when().get("/api/jobs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/jobs?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void invalidDefinitionsAreRefusedWithThePlaceAtFaultAndChangeNothing() {
        refused("{\"key\": \"" + key("broken") + "\", \"name\": ", "body");
        refused(body(key("unknown_kind"), "{\"foo\": 1}"), "/rule/foo");
        refused(body(key("wrong_type"),
                "{\"all\": [{\"event\": \"Order Completed\", \"count\": {\"gte\": \"2\"}, \"within_days\": 30}]}"),
                "/rule/all/0/count/gte");
        refused(body(key("no_window"), "{\"event\": \"Page Viewed\", \"count\": {\"gte\": 1}}"),
                "/rule/within_days");
        refused(body("Big Spenders", "{\"orders\": {\"gte\": 1}}"), "/key");
        refused(body("stage.vip", "{\"orders\": {\"gte\": 1}}"), "/key");
        refused(body(key("too_long"), "{\"any\": [{\"orders\": {\"gte\": 1}}, "
                + "{\"event\": \"Page Viewed\", \"count\": {\"gte\": 1}, \"within_days\": 401}]}"),
                "/rule/any/1/within_days");
        refused("{\"key\": \"" + key("nameless") + "\", \"rule\": {\"orders\": {\"gte\": 1}}}", "/name");

        // every violation at once
        JsonPath problem = given().contentType(ContentType.JSON)
                .body("{\"key\": \"Bad Key\", \"name\": \"\", \"rule\": {\"all\": [{\"orders\": {\"gte\": -1}}, "
                        + "{\"trait\": \"plan\", \"op\": \"like\", \"value\": \"x\"}]}}")
                .when().post("/api/segments")
                .then().statusCode(400).extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("/key", "/name", "/rule/all/0/orders/gte", "/rule/all/1/op");

        // an update is checked the same way and changes nothing
        String key = key("kept");
        given().contentType(ContentType.JSON).body(body(key, "{\"orders\": {\"gte\": 1}}"))
                .when().post("/api/segments").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"name\": \"Kept\", \"rule\": {\"orders\": {\"gte\": 1.5}}}")
                .when().put("/api/segments/" + key)
                .then().statusCode(400).body("field", equalTo("/rule/orders/gte"));
        given().when().get("/api/segments/" + key).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void theDefinitionsApiIsDescribedInTheOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/segments"))
                .body("paths", hasKey("/api/segments/{key}"))
                .body("paths", hasKey("/api/stage-models/{version}/activate"))
                .body("paths", hasKey("/api/jobs/{id}"))
                .body("paths", hasKey("/api/rfm/thresholds"))
                .body("paths.'/api/segments'.post.summary", notNullValue());
    }

    private static void refused(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/segments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    private static String body(String key, String rule) {
        return "{\"key\": \"" + key + "\", \"name\": \"Test\", \"rule\": " + rule + "}";
    }

    /** A customer of the cohort, who ordered for {@code revenue} unless it is null, decided before the test goes on. */
    private String customer(String cohort, String revenue) {
        String user = Events.newCustomer();
        Instant at = clock.instant().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("cohort", cohort);
        TestKafka.send(Events.identify(user, null, at, traits));
        if (revenue != null) {
            TestKafka.send(Events.order(user, "o-" + user, at.plusSeconds(10), revenue));
        }
        TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key())
                && (revenue == null ? "prospect" : "new_customer").equals(r.value().path("toStage").asText()));
        return user;
    }

    private static Object cohortRule(String cohort, String condition) {
        return rule("""
                {"all": [{"trait": "cohort", "op": "eq", "value": "%s"}, %s]}""".formatted(cohort, condition));
    }

    /** A rule as the object REST Assured writes into the body. */
    private static Object rule(String json) {
        try {
            return LifecycleJson.mapper().readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String name) {
        return name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
