package org.lifecycle.analytics.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.ReportingZoneInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.analytics.support.Records.transition;
import static org.lifecycle.analytics.support.Records.unique;

/**
 * A company on the HubSpot preset, then on a model of its own: the API lists, counts and orders the stages its
 * transitions name, and the page reads them and the reporting zone through the dashboard path. Days are cut in
 * UTC+14 (ReportingZoneInfrastructure).
 */
@QuarkusTest
@QuarkusTestResource(value = ReportingZoneInfrastructure.class, restrictToAnnotatedClass = true)
class CustomStagesTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final List<String> HUBSPOT = List.of("subscriber", "lead", "marketing_qualified_lead",
            "sales_qualified_lead", "opportunity", "customer", "evangelist");

    @Test
    void hubSpotAndOwnStagesAreListedCountedAndFlowInTheModelsOrder() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        String d = unique("d");
        try (TopicWriter writer = new TopicWriter()) {
            // Sent out of the model's order: the first stage seen is the furthest along. 11:00 UTC on the 1st is
            // 01:00 on the 2nd in the reporting zone.
            writer.send(Topics.TRANSITIONS, List.of(
                    transition(a, null, "evangelist", at("2034-03-01T11:00:00Z"), false),
                    transition(b, null, "lead", at("2034-03-01T11:05:00Z"), false),
                    transition(b, "lead", "marketing_qualified_lead", at("2034-03-01T11:10:00Z"), false),
                    transition(b, "marketing_qualified_lead", "sales_qualified_lead", at("2034-03-01T11:20:00Z"),
                            false),
                    transition(b, "sales_qualified_lead", "opportunity", at("2034-03-02T11:00:00Z"), false),
                    transition(c, null, "subscriber", at("2034-03-02T11:00:00Z"), false),
                    transition(c, "subscriber", "customer", at("2034-03-02T12:00:00Z"), false),
                    // A model of the company's own, after the preset: its stages in the order first entered, though
                    // alphabetically they would read champion, paying, trial.
                    transition(d, null, "trial", at("2034-03-03T11:00:00Z"), false),
                    transition(d, "trial", "paying", at("2034-03-04T11:00:00Z"), false),
                    transition(d, "paying", "champion", at("2034-03-05T11:00:00Z"), false)));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.TRANSITIONS);
        List<String> order = List.of("subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead",
                "opportunity", "customer", "evangelist", "trial", "paying", "champion");

        for (String base : List.of("/api/analytics/", "/dashboard/api/")) {
            JsonPath list = given().queryParam("to", "2034-03-06").when().get(base + "lifecycle-stages").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(list.getList("stage", String.class)).as(base).containsExactlyElementsOf(order);
            assertThat(list.getList("position", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(list.getList("label", String.class)).startsWith("Subscriber", "Lead",
                    "Marketing qualified lead", "Sales qualified lead", "Opportunity", "Customer", "Evangelist");
            assertThat(list.getString("find { it.stage == 'evangelist' }.firstEntered")).isEqualTo("2034-03-02");
        }
        // Up to a day before the own model, only the preset's stages.
        assertThat(given().queryParam("to", "2034-03-03").when().get("/api/analytics/lifecycle-stages").then()
                .statusCode(200).extract().jsonPath().getList("stage", String.class))
                .containsExactlyElementsOf(HUBSPOT);

        // The map's counts: every stage on every day, in the model's order.
        JsonPath stages = given().queryParam("from", "2034-03-06").queryParam("to", "2034-03-06")
                .when().get("/dashboard/api/stages").then().statusCode(200).extract().jsonPath();
        assertThat(stages.getList("stage", String.class)).containsExactlyElementsOf(order);
        assertThat(stages.getList("customers", Integer.class)).containsExactly(0, 0, 0, 0, 1, 1, 1, 0, 0, 1);

        // The flows: first stages before moves, each group from the first stage of the model to the last.
        List<Map<String, Object>> flows = given().queryParam("from", "2034-03-02").queryParam("to", "2034-03-06")
                .when().get("/dashboard/api/flows").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(flows).extracting(f -> f.get("fromStage") + ">" + f.get("toStage")).containsExactly(
                "null>subscriber", "null>lead", "null>evangelist", "null>trial",
                "subscriber>customer", "lead>marketing_qualified_lead",
                "marketing_qualified_lead>sales_qualified_lead", "sales_qualified_lead>opportunity",
                "trial>paying", "paying>champion");
    }

    @Test
    void theReportingZoneAndItsTodayAreServedToThePage() {
        ZoneId zone = ZoneId.of(ReportingZoneInfrastructure.ZONE);
        for (String path : List.of("/api/analytics/calendar", "/dashboard/api/calendar")) {
            LocalDate before = LocalDate.now(zone);
            JsonPath calendar = given().when().get(path).then().statusCode(200).extract().jsonPath();
            LocalDate after = LocalDate.now(zone);
            assertThat(calendar.getString("zone")).isEqualTo(ReportingZoneInfrastructure.ZONE);
            // Today there, which is never UTC's today in UTC+14 from 10:00 UTC on.
            assertThat(LocalDate.parse(calendar.getString("today"))).isBetween(before, after);
        }
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
