package org.lifecycle.segmentation.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
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
import static org.hamcrest.Matchers.not;

/**
 * Scoring plans over real events, with decay driven by the clock alone, in an application of its own: a plan scores
 * every profile of its database.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(ScoringTest.OwnApplication.class)
class ScoringTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    /** Clicks halve every 10 days (at most 30 points), a form gives 40, and the plan holds at most 60. */
    private static final String PLAN = """
            {"key": "engagement", "name": "Engagement", "cap": 60,
             "decay": {"half_life_days": 10, "expire_after_days": 30},
             "rules": [
               {"key": "clicks", "event": "Email Link Clicked", "points": 10, "cap": 30},
               {"key": "forms", "event": "Form Submitted", "points": 40},
               {"key": "decision_maker", "when": {"trait": "job_title", "op": "eq", "value": "CTO"}, "points": 5}
             ]}""";

    @Inject
    TestClock clock;

    @Test
    void decayAndCapsMoveTheScoreWithOnlyTheClockAndASegmentOnItIsLeftOnTime() {
        // an hour's start, so the events' hour ends at a round moment
        Instant at = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        Instant hourEnd = at.plus(1, ChronoUnit.HOURS);
        String user = Events.newCustomer();
        TestKafka.send(Events.identify(user, at, user + "@example.com"));
        for (int i = 0; i < 5; i++) {
            TestKafka.send(Events.track(user, null, "Email Link Clicked", at.plusSeconds(i), null));
        }
        TestKafka.send(Events.track(user, null, "Form Submitted", at.plusSeconds(10), null));
        String id = awaitProfile(user);
        Awaitility.await("every event applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> at.plusSeconds(10).toString().equals(given().get("/api/profiles/" + id).then()
                        .statusCode(200).extract().path("lastSeen")));

        String segment = "engaged_" + user.substring(5, 13).replace('-', '_');
        given().contentType(ContentType.JSON).body("""
                {"key": "%s", "name": "Engaged", "rule": {"score": "engagement", "gte": 50}}""".formatted(segment))
                .when().post("/api/segments").then().statusCode(201);

        // creating the plan scores the profiles that exist: a job whose progress the jobs API reports
        JsonPath created = given().contentType(ContentType.JSON).body(PLAN)
                .when().post("/api/scoring-plans")
                .then().statusCode(201)
                .body("version", equalTo(1))
                .body("rules", hasItem("10 points per Email Link Clicked, at most 30"))
                .body("decay", equalTo("points halve every 10 days and expire after 30 days"))
                .body("job.kind", equalTo("scoring_backfill"))
                .extract().jsonPath();
        JobProgress.Followed job = JobProgress.follow(created.getString("job.id"));
        assertThat(job.last().getString("status")).isEqualTo("succeeded");
        assertThat(job.last().getInt("percent")).isEqualTo(100);

        // 5 clicks earn 50, held at the rule's 30; with the form's 40 that is 70, held at the plan's 60
        awaitScore(id, 60.0);
        Read entered = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> user.equals(r.key())
                && segment.equals(r.value().path("segmentKey").asText()) && r.value().path("entered").asBoolean())
                .getFirst();
        assertThat(entered.value().path("reason").asText()).isEqualTo("score.engagement is at least 50");
        JsonPath explained = given().get("/api/profiles/" + id + "/explanation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(explained.getDouble("scores[0].score")).isEqualTo(60.0);
        assertThat(explained.getDouble("scores[0].total")).isEqualTo(70.0);
        assertThat(explained.getBoolean("scores[0].capped")).isTrue();
        assertThat(explained.getString("scores[0].rules[0].key")).isEqualTo("clicks");
        assertThat(explained.getDouble("scores[0].rules[0].earned")).isEqualTo(50.0);
        assertThat(explained.getDouble("scores[0].rules[0].points")).isEqualTo(30.0);
        assertThat(explained.getBoolean("scores[0].rules[0].capped")).isTrue();
        assertThat(explained.getDouble("scores[0].rules[0].events[0].count")).isEqualTo(5.0);
        assertThat(explained.getString("scores[0].rules[0].events[0].nextHalving"))
                .isEqualTo(hourEnd.plus(Duration.ofDays(10)).toString());
        assertThat(explained.getDouble("scores[0].rules[1].points")).isEqualTo(40.0);
        assertThat(explained.getBoolean("scores[0].rules[2].condition.matched")).isFalse();

        // 10 days after the events' hour, with no new event: clicks 25 (under their cap), form 20, 45 in all
        clock.advance(Duration.ofDays(10).plusHours(1));
        awaitScore(id, 45.0);
        Read exited = TestKafka.awaitRecords(Topics.MEMBERSHIPS, 1, r -> user.equals(r.key())
                && segment.equals(r.value().path("segmentKey").asText()) && !r.value().path("entered").asBoolean())
                .getFirst();
        assertThat(Instant.parse(exited.value().path("occurredAt").asText()))
                .isEqualTo(hourEnd.plus(Duration.ofDays(10)));
        JsonPath halved = given().get("/api/profiles/" + id + "/explanation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(halved.getInt("scores[0].rules[0].events[0].halvings")).isEqualTo(1);
        assertThat(halved.getDouble("scores[0].rules[0].events[0].points")).isEqualTo(25.0);
        assertThat(halved.getBoolean("scores[0].rules[0].capped")).isFalse();
        given().get("/api/profiles?segment=" + segment).then().statusCode(200).body("items.id", not(hasItem(id)));

        // 30 days after the events' hour every point has expired
        clock.advance(Duration.ofDays(20));
        awaitScore(id, 0.0);
        assertThat(TestKafka.records(Topics.MEMBERSHIPS, r -> user.equals(r.key())
                && segment.equals(r.value().path("segmentKey").asText()))).hasSize(2);
    }

    @Test
    void invalidPlansAreRefusedWithTheJsonPathAtFaultAndChangeNothing() {
        refused("post", "/api/scoring-plans", """
                {"key": "fit", "name": "Fit", "rules": [
                  {"key": "forms", "event": "Form Submitted", "points": "many"}]}""", "/rules/0/points");
        refused("post", "/api/scoring-plans", """
                {"key": "fit", "name": "Fit", "decay": {"half_life_days": 30, "expire_after_days": 20},
                 "rules": [{"key": "forms", "event": "Form Submitted", "points": 10}]}""", "/decay/half_life_days");
        refused("post", "/api/scoring-plans", """
                {"key": "fit", "name": "Fit", "rules": [
                  {"key": "vip", "when": {"any": [{"orders": {"gte": 3}}, {"stage": {"in": ["loyal"]}}]},
                   "points": 10}]}""", "/rules/0/when/any/1/stage");
        refused("post", "/api/scoring-plans", "{\"key\": \"fit\", \"name\": \"Fit\"}", "/rules");
        refused("put", "/api/scoring-plans", """
                {"plans": [
                  {"key": "fit", "name": "Fit", "rules": [{"key": "forms", "event": "Form Submitted", "points": 10}]},
                  {"key": "reach", "name": "Reach", "rules": [
                    {"key": "opens", "event": "Email Opened", "points": 1, "decay": {"half_life_days": 0}}]}]}""",
                "/plans/1/rules/0/decay/half_life_days");
        given().get("/api/scoring-plans/fit").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/scoring-plans/reach").then().statusCode(404);
    }

    @Test
    void plansAreVersionedAndSeveralAreDefinedAtOnce() {
        String fit = """
                {"key": "fit_v", "name": "Fit", "rules": [
                  {"key": "cto", "when": {"trait": "job_title", "op": "eq", "value": "CTO"}, "points": 20}]}""";
        JsonPath batch = given().contentType(ContentType.JSON).body("{\"plans\": [" + fit + ", "
                + """
                        {"key": "reach_v", "name": "Reach", "decay": {"expire_after_days": 90},
                         "rules": [{"key": "opens", "event": "Email Opened", "points": 1, "cap": 20}]}]}""")
                .when().put("/api/scoring-plans")
                .then().statusCode(200).extract().jsonPath();
        assertThat(batch.getList("plans.key")).containsExactly("fit_v", "reach_v");
        assertThat(batch.getList("plans.version", Integer.class)).containsExactly(1, 1);
        assertThat(batch.getString("job.kind")).isEqualTo("scoring_backfill");
        // the same definitions again change nothing: no new version, no job
        JsonPath same = given().contentType(ContentType.JSON).body("{\"plans\": [" + fit + "]}")
                .when().put("/api/scoring-plans").then().statusCode(200).extract().jsonPath();
        assertThat(same.getInt("plans[0].version")).isEqualTo(1);
        assertThat(same.getString("job")).isNull();

        given().contentType(ContentType.JSON).body(fit).when().post("/api/scoring-plans").then().statusCode(409);
        given().contentType(ContentType.JSON).body(fit.replace("20}", "25}"))
                .when().put("/api/scoring-plans/fit_v")
                .then().statusCode(200).body("version", equalTo(2)).body("rules[0]",
                        equalTo("25 points while job_title is \"CTO\""));
        given().when().delete("/api/scoring-plans/fit_v").then().statusCode(200).body("version", equalTo(3))
                .body("deleted", equalTo(true));
        given().get("/api/scoring-plans/fit_v").then().statusCode(404);
        given().get("/api/scoring-plans/fit_v/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("deleted", equalTo(List.of(false, false, true)));
        given().get("/api/scoring-plans/fit_v/versions/1").then().statusCode(200)
                .body("definition.rules[0].points", equalTo(20));
        given().get("/api/scoring-plans").then().statusCode(200)
                .body("key", hasItem("reach_v")).body("key", not(hasItem("fit_v")));
    }

    private static void refused(String method, String path, String body, String field) {
        var request = given().contentType(ContentType.JSON).body(body).when();
        var response = method.equals("put") ? request.put(path) : request.post(path);
        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("errors.field", hasItem(field));
    }

    private static String awaitProfile(String user) {
        String[] id = new String[1];
        Awaitility.await("the profile of " + user).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    id[0] = given().queryParam("userId", user).get("/api/profiles").then().statusCode(200)
                            .extract().path("items[0].id");
                    return id[0] != null;
                });
        return id[0];
    }

    private static void awaitScore(String id, double score) {
        Awaitility.await("score " + score).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(given().get("/api/profiles/" + id).then().statusCode(200)
                        .extract().jsonPath().getDouble("scores.engagement")).isEqualTo(score));
    }
}
