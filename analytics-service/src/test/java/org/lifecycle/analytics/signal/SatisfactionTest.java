package org.lifecycle.analytics.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.IsolatedInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.lifecycle.analytics.support.Records.entered;
import static org.lifecycle.analytics.support.Records.exited;
import static org.lifecycle.analytics.support.Records.rating;
import static org.lifecycle.analytics.support.Records.survey;
import static org.lifecycle.analytics.support.Records.transition;
import static org.lifecycle.analytics.support.Records.unique;

/**
 * NPS and CSAT from known answers: Typeform survey responses (NPS and CSAT scores) and Zendesk ratings (good / bad
 * and numeric), each placed in the stage and segments its customer was in when answering. The stage and segment
 * records are delivered after the answers, and every answer twice, so the figures depend on event time only and a
 * redelivered answer counts once.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class SatisfactionTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);

    @Test
    void npsAndCsatOverTimeByStageAndBySegment() {
        String c1 = unique("c1");
        String c2 = unique("c2");
        String c3 = unique("c3");
        String c4 = unique("c4");
        String c5 = unique("c5");
        String c6 = unique("c6");
        String c7 = unique("c7");
        String vip = unique("vip");
        List<CustomerEvent> answers = List.of(
                survey(c1, 10, null, "{\"nps\":10}", at("2033-05-03T10:00:00Z")), // promoter, new_customer, vip
                survey(c1, 6, null, "{\"nps\":6}", at("2033-05-12T10:00:00Z")), // detractor, active, no segment
                survey(c2, 9, 5, null, at("2033-05-04T10:00:00Z")), // promoter + satisfied, new_customer, vip
                survey(c3, 7, 2, null, at("2033-05-05T10:00:00Z")), // passive + not satisfied, active
                survey(c4, 8, null, null, at("2033-05-06T10:00:00Z")), // passive, no stage
                rating(c5, "good", at("2033-05-07T10:00:00Z")), // satisfied, active
                rating(c6, "bad", at("2033-06-02T10:00:00Z")), // not satisfied, new_customer
                rating(c7, "4", at("2033-06-03T10:00:00Z")), // 4 of 5: satisfied, no stage
                survey(c7, null, null, "{\"color\":\"blue\"}", at("2033-06-03T11:00:00Z"))); // no score: not counted
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, answers);
            writer.send(Topics.EVENTS, answers);
            writer.send(Topics.TRANSITIONS, List.of(
                    transition(c1, null, "new_customer", at("2033-05-01T00:00:00Z"), false),
                    transition(c1, "new_customer", "active", at("2033-05-10T00:00:00Z"), false),
                    transition(c2, null, "new_customer", at("2033-05-01T00:00:00Z"), false),
                    // c2 becomes active after answering: the answer stays new_customer's.
                    transition(c2, "new_customer", "active", at("2033-05-20T00:00:00Z"), false),
                    transition(c3, null, "active", at("2033-05-01T00:00:00Z"), false),
                    transition(c5, null, "active", at("2033-05-01T00:00:00Z"), false),
                    transition(c6, null, "new_customer", at("2033-06-01T00:00:00Z"), false),
                    // c4 gets a stage only after answering.
                    transition(c4, null, "new_customer", at("2033-05-30T00:00:00Z"), false)));
            writer.send(Topics.MEMBERSHIPS, List.of(
                    entered(c1, vip, at("2033-05-01T00:00:00Z")),
                    exited(c1, vip, at("2033-05-11T00:00:00Z")),
                    entered(c2, vip, at("2033-05-02T00:00:00Z"))));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS, Topics.TRANSITIONS, Topics.MEMBERSHIPS);

        // Per month: May has 5 NPS answers (2 promoters, 2 passives, 1 detractor) and 3 ratings (2 satisfied);
        // June has 2 ratings (1 satisfied).
        JsonPath monthly = get("from=2033-05-01&to=2033-06-30");
        assertThat(monthly.getList("period")).containsExactly("2033-05", "2033-06");
        assertRow(monthly, 0, 5, 2, 2, 1, 100.0 * (2 - 1) / 5, 3, 2, 100.0 * 2 / 3);
        assertRow(monthly, 1, 0, 0, 0, 0, null, 2, 1, 50.0);
        assertThat((Object) monthly.get("[0].stage")).isNull();

        JsonPath daily = get("from=2033-05-03&to=2033-05-04&interval=day");
        assertThat(daily.getList("period")).containsExactly("2033-05-03", "2033-05-04");
        assertRow(daily, 0, 1, 1, 0, 0, 100.0, 0, 0, null);
        assertRow(daily, 1, 1, 1, 0, 0, 100.0, 1, 1, 100.0);

        JsonPath byStage = get("from=2033-05-01&to=2033-06-30&interval=all&groupBy=stage");
        assertThat(byStage.getList("stage")).containsExactly("(none)", "active", "new_customer");
        assertThat(byStage.getList("period")).containsOnly("2033-05-01/2033-06-30");
        assertRow(byStage, 0, 1, 0, 1, 0, 0.0, 1, 1, 100.0); // c4 passive, c7 rating 4
        assertRow(byStage, 1, 2, 0, 1, 1, -50.0, 2, 1, 50.0); // c1 detractor, c3 passive; c3 no, c5 good
        assertRow(byStage, 2, 2, 2, 0, 0, 100.0, 2, 1, 50.0); // c1, c2 promoters; c2 yes, c6 bad

        JsonPath bySegment = get("from=2033-05-01&to=2033-06-30&interval=all&groupBy=segment");
        assertThat(bySegment.getList("segment")).containsExactly("(none)", vip);
        assertRow(bySegment, 0, 3, 0, 2, 1, 100.0 * (0 - 1) / 3, 4, 2, 50.0);
        assertRow(bySegment, 1, 2, 2, 0, 0, 100.0, 1, 1, 100.0);

        String csv = given().accept("text/csv").when()
                .get("/api/analytics/satisfaction?from=2033-05-01&to=2033-06-30&interval=all&groupBy=stage")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "period,stage,segment,nps_responses,promoters,passives,detractors,nps,csat_responses,satisfied,csat",
                "2033-05-01/2033-06-30,(none),,1,0,1,0,0.0,1,1,100.0",
                "2033-05-01/2033-06-30,active,,2,0,1,1,-50.0,2,1,50.0",
                "2033-05-01/2033-06-30,new_customer,,2,2,0,0,100.0,2,1,50.0");
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        for (Map.Entry<String, String> bad : Map.of("interval", "interval=week", "groupBy", "groupBy=country",
                "from", "from=2033-13-01").entrySet()) {
            given().when().get("/api/analytics/satisfaction?" + bad.getValue()).then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("field", equalTo(bad.getKey()));
        }
        given().when().get("/api/analytics/visitors/comparison?dimension=country").then().statusCode(400)
                .body("field", equalTo("dimension"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/analytics/satisfaction"))
                .body(containsString("/api/analytics/visitors/comparison"));
    }

    private static JsonPath get(String query) {
        return given().when().get("/api/analytics/satisfaction?" + query).then().statusCode(200).extract()
                .jsonPath().using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    private static void assertRow(JsonPath json, int i, long npsResponses, long promoters, long passives,
            long detractors, Double nps, long csatResponses, long satisfied, Double csat) {
        String row = "[" + i + "].";
        List<Object> actual = new ArrayList<>();
        for (String field : List.of("npsResponses", "promoters", "passives", "detractors", "csatResponses",
                "satisfied")) {
            actual.add(json.getLong(row + field));
        }
        actual.add(json.get(row + "nps") == null ? null : json.getDouble(row + "nps"));
        actual.add(json.get(row + "csat") == null ? null : json.getDouble(row + "csat"));
        assertThat(actual).as("row %d", i).containsExactly(npsResponses, promoters, passives, detractors,
                csatResponses, satisfied, nps, csat);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
