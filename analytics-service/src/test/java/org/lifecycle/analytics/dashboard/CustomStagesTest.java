package org.lifecycle.analytics.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.HeadlessPage;
import org.lifecycle.analytics.support.ReportingZoneInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lifecycle.analytics.support.Records.transition;
import static org.lifecycle.analytics.support.Records.unique;

/**
 * A company on the HubSpot preset, then on a model of its own: the API lists, counts and orders the stages its
 * transitions name, and the page reads them and the reporting zone through the dashboard path. Days are cut in a zone
 * whose date is not UTC's while the test runs (ReportingZoneInfrastructure).
 */
@QuarkusTest
@QuarkusTestResource(value = ReportingZoneInfrastructure.class, restrictToAnnotatedClass = true)
class CustomStagesTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final List<String> HUBSPOT = List.of("subscriber", "lead", "marketing_qualified_lead",
            "sales_qualified_lead", "opportunity", "customer", "evangelist");

    @TestHTTPResource("/dashboard/")
    String dashboard;

    @Test
    void hubSpotAndOwnStagesAreListedCountedAndFlowInTheModelsOrder() throws Exception {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        String d = unique("d");
        try (TopicWriter writer = new TopicWriter()) {
            // Sent out of the model's order: the first stage seen is the furthest along.
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
        LocalDate first = day("2034-03-01T11:00:00Z");
        LocalDate last = day("2034-03-05T11:00:00Z").plusDays(1);
        List<String> order = List.of("subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead",
                "opportunity", "customer", "evangelist", "trial", "paying", "champion");

        for (String base : List.of("/api/analytics/", "/dashboard/api/")) {
            JsonPath list = given().queryParam("to", last.toString()).when().get(base + "lifecycle-stages").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(list.getList("stage", String.class)).as(base).containsExactlyElementsOf(order);
            assertThat(list.getList("position", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(list.getList("label", String.class)).startsWith("Subscriber", "Lead",
                    "Marketing qualified lead", "Sales qualified lead", "Opportunity", "Customer", "Evangelist");
            assertThat(list.getString("find { it.stage == 'evangelist' }.firstEntered"))
                    .isEqualTo(day("2034-03-01T11:00:00Z").toString());
        }
        // Up to the day before the own model, only the preset's stages.
        assertThat(given().queryParam("to", day("2034-03-03T11:00:00Z").minusDays(1).toString()).when()
                .get("/api/analytics/lifecycle-stages").then()
                .statusCode(200).extract().jsonPath().getList("stage", String.class))
                .containsExactlyElementsOf(HUBSPOT);

        // A day that is not one: a problem naming it.
        given().queryParam("to", "soon").when().get("/dashboard/api/lifecycle-stages").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("to"));

        // The map's counts: every stage on every day, in the model's order.
        JsonPath stages = given().queryParam("from", last.toString()).queryParam("to", last.toString())
                .when().get("/dashboard/api/stages").then().statusCode(200).extract().jsonPath();
        assertThat(stages.getList("stage", String.class)).containsExactlyElementsOf(order);
        assertThat(stages.getList("customers", Integer.class)).containsExactly(0, 0, 0, 0, 1, 1, 1, 0, 0, 1);

        // The flows: first stages before moves, each group from the first stage of the model to the last.
        List<Map<String, Object>> flows = given().queryParam("from", first.toString()).queryParam("to", last.toString())
                .when().get("/dashboard/api/flows").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(flows).extracting(f -> f.get("fromStage") + ">" + f.get("toStage")).containsExactly(
                "null>subscriber", "null>lead", "null>evangelist", "null>trial",
                "subscriber>customer", "lead>marketing_qualified_lead",
                "marketing_qualified_lead>sales_qualified_lead", "sales_qualified_lead>opportunity",
                "trial>paying", "paying>champion");

        // The page draws them: one box each, in that order, with words for names and the API's counts.
        assumeTrue(HeadlessPage.available(), "no Chromium at " + HeadlessPage.browser());
        String dom = HeadlessPage.dom(dashboard + "?from=" + first + "&to=" + last);
        assertThat(dom).contains("data-state=\"ready\"").contains("data-stages=\"" + String.join(" ", order) + "\"");
        int previous = -1;
        for (String stage : order) {
            int box = dom.indexOf("data-testid=\"stage-" + stage + "\"");
            assertThat(box).as(stage).isGreaterThan(previous);
            previous = box;
        }
        assertThat(dom).contains(">Marketing qualified lead</text>", ">Sales qualified lead</text>", ">Champion</text>")
                .doesNotContain("stage-prospect", "stage-new_customer")
                .containsPattern("data-testid=\"stage-count-evangelist\"[^>]*>1<")
                .containsPattern("data-testid=\"flow-count-lead-marketing_qualified_lead\"[^>]*>1<");
    }

    @Test
    void theReportingZoneAndItsTodayAreServedToThePage() throws Exception {
        ZoneId zone = ReportingZoneInfrastructure.ZONE;
        for (String path : List.of("/api/analytics/calendar", "/dashboard/api/calendar")) {
            LocalDate before = LocalDate.now(zone);
            JsonPath calendar = given().when().get(path).then().statusCode(200).extract().jsonPath();
            LocalDate after = LocalDate.now(zone);
            assertThat(calendar.getString("zone")).isEqualTo(zone.getId());
            // Today there, which the zone was picked for not to be UTC's today.
            assertThat(LocalDate.parse(calendar.getString("today"))).isBetween(before, after);
        }

        // Without a range in the address and without orders, the page opens on the 30 days up to today there (not
        // the browser's UTC date: the zone was picked for its date to differ from UTC's).
        assumeTrue(HeadlessPage.available(), "no Chromium at " + HeadlessPage.browser());
        LocalDate before = LocalDate.now(zone);
        String dom = HeadlessPage.dom(dashboard);
        LocalDate after = LocalDate.now(zone);
        assertThat(dom).contains("data-state=\"ready\"");
        assertThat(dom).containsAnyOf(">" + before.minusDays(29) + " to " + before + "<",
                ">" + after.minusDays(29) + " to " + after + "<");
    }

    /** The reporting zone's day of an instant. */
    private static LocalDate day(String instant) {
        return LocalDate.ofInstant(at(instant), ReportingZoneInfrastructure.ZONE);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
