package org.lifecycle.segmentation.profile.rest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class ProfileResourceTest {

    private static final String PROFILES = "/api/profiles";

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    Definitions definitions;

    @Test
    void aCustomerIsFoundByUserIdAnonymousIdAndEmailInAnyCase() {
        String user = Events.newCustomer();
        String device = "anon-" + UUID.randomUUID();
        String email = "Mixed.Case-" + UUID.randomUUID() + "@Example.COM";
        Instant at = clock.instant().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka
                .send(Events.identify(user, device, at, LifecycleJson.mapper().createObjectNode().put("email", email)));

        String id = awaitOne("userId", user);
        assertThat(ids(Map.of("anonymousId", device), 100)).containsExactly(id);
        assertThat(ids(Map.of("email", email.toLowerCase()), 100)).containsExactly(id);
        assertThat(ids(Map.of("email", email.toUpperCase()), 100)).containsExactly(id);
        given().queryParam("userId", user).get(PROFILES).then().statusCode(200)
                .body("items[0].userId", equalTo(user))
                .body("items[0].email", equalTo(email))
                .body("items[0].stage", equalTo("prospect"))
                .body("items[0].segments", hasItem("stage.prospect"))
                .body("nextCursor", equalTo(null));
        assertThat(ids(Map.of("userId", "nobody-" + UUID.randomUUID()), 100)).isEmpty();

        given().get(PROFILES + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("userId", equalTo(user))
                .body("identities.userIds", equalTo(List.of(user)))
                // the identify call's address is an identity too, as survey and support webhooks name customers
                .body("identities.anonymousIds", equalTo(List.of(device, "email:" + email.toLowerCase(Locale.ROOT))))
                .body("email", equalTo(email))
                .body("traits.email", equalTo(email))
                .body("stage", equalTo("prospect"))
                .body("modelVersion", equalTo(1))
                .body("orders.count", equalTo(0))
                .body("firstSeen", equalTo(at.toString()));
    }

    @Test
    void listingsByStageRfmGroupAndSegmentHoldTheirCustomersOnly() {
        String buyer = Events.newCustomer();
        String prospect = Events.newCustomer();
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.order(buyer, "o-" + buyer, at, "75.00"),
                Events.identify(prospect, at, prospect + "@example.com"));
        String buyerId = awaitOne("userId", buyer);
        String prospectId = awaitOne("userId", prospect);
        awaitStage(buyerId, "new_customer");
        String group = given().get(PROFILES + "/" + buyerId).then().statusCode(200)
                .body("orders.count", equalTo(1))
                .body("orders.revenue", equalTo(75.00f))
                .body("orders.firstOrderAt", equalTo(at.toString()))
                .extract().path("rfmGroup");
        assertThat(group).isNotNull();

        assertThat(ids(Map.of("stage", "new_customer"), 1000)).contains(buyerId).doesNotContain(prospectId);
        assertThat(ids(Map.of("stage", "prospect"), 1000)).contains(prospectId).doesNotContain(buyerId);
        assertThat(ids(Map.of("rfm", group), 1000)).contains(buyerId).doesNotContain(prospectId);
        String otherGroup = "champions".equals(group) ? "loyalists" : "champions";
        assertThat(ids(Map.of("rfm", otherGroup), 1000)).doesNotContain(buyerId);
        assertThat(ids(Map.of("segment", "behaviour.occasional_buyers"), 1000)).contains(buyerId)
                .doesNotContain(prospectId);
        assertThat(ids(Map.of("segment", "stage.prospect"), 1000)).contains(prospectId).doesNotContain(buyerId);
        assertThat(ids(Map.of("segment", "rfm." + group), 1000)).contains(buyerId).doesNotContain(prospectId);
    }

    @Test
    void pagingWithASmallLimitYieldsEveryProfileExactlyOnceInIdOrder() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String user = Events.newCustomer();
            users.add(user);
            TestKafka.send(Events.identify(user, at, email));
        }
        Set<String> expected = new HashSet<>();
        users.forEach(user -> expected.add(awaitOne("userId", user)));

        List<String> pages = new ArrayList<>();
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("email", email).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PROFILES).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id");
            paged.addAll(items);
            pages.add(String.join(",", items));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(pages).hasSize(4);
        assertThat(paged).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // in PostgreSQL's UUID order: unsigned bytes, the order of the lowercase text
        assertThat(paged).isSorted();

        List<String> everyone = ids(Map.of(), 3);
        assertThat(everyone).doesNotHaveDuplicates().containsAll(expected);
    }

    @Test
    void theLedgerShowsProspectThenNewCustomerThenAtRiskWithCauses() {
        String user = Events.newCustomer();
        Instant identified = clock.instant().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant ordered = identified.plusSeconds(60);
        CustomerEvent identify = Events.identify(user, identified, user + "@example.com");
        CustomerEvent order = Events.order(user, "o-" + user, ordered, "120.00");
        TestKafka.send(identify, order);
        String id = awaitOne("userId", user);
        awaitStage(id, "new_customer");

        clock.advance(Duration.ofDays(91));
        awaitStage(id, "at_risk");

        JsonPath ledger = given().get(PROFILES + "/" + id + "/transitions").then().statusCode(200).extract()
                .jsonPath();
        assertThat(ledger.getList("from", String.class)).containsExactly(null, "prospect", "new_customer");
        assertThat(ledger.getList("to", String.class)).containsExactly("prospect", "new_customer", "at_risk");
        assertThat(ledger.getList("at", String.class)).containsExactly(identified.toString(), ordered.toString(),
                ordered.plus(Duration.ofDays(90)).toString());
        assertThat(ledger.getList("cause.kind", String.class)).containsExactly("event", "event", "time");
        assertThat(ledger.getList("cause.eventId", String.class)).containsExactly(identify.id(), order.id(), null);
        assertThat(ledger.getString("[1].cause.rule")).startsWith("new_customer");
        assertThat(ledger.getString("[2].cause.rule")).isEqualTo("at_risk: no order for 90 days");
        assertThat(ledger.getList("modelVersion", Integer.class)).containsOnly(1);
        assertThat(ledger.getList("reactivation", Boolean.class)).containsOnly(false);
        assertThat(ledger.getList("recordedAt")).doesNotContainNull();
        assertThat(ledger.getList("id")).doesNotHaveDuplicates().hasSize(3);

        JsonPath history = given().get(PROFILES + "/" + id + "/memberships").then().statusCode(200).extract()
                .jsonPath();
        List<String> moves = new ArrayList<>();
        List<Map<String, Object>> entries = history.getList("$");
        for (Map<String, Object> entry : entries) {
            String segment = (String) entry.get("segment");
            if (segment.startsWith("stage.")) {
                moves.add(((Boolean) entry.get("entered") ? "+" : "-") + segment + "@" + entry.get("at"));
            }
        }
        assertThat(moves).containsExactly(
                "+stage.prospect@" + identified,
                "-stage.prospect@" + ordered,
                "+stage.new_customer@" + ordered,
                "-stage.new_customer@" + ordered.plus(Duration.ofDays(90)),
                "+stage.at_risk@" + ordered.plus(Duration.ofDays(90)));
        assertThat(history.getList("at", String.class)).isSortedAccordingTo(
                (a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("segment")).isEqualTo("behaviour.occasional_buyers");
            assertThat(entry.get("entered")).isEqualTo(true);
            assertThat(entry.get("at")).isEqualTo(ordered.toString());
            assertThat((String) entry.get("reason")).isNotBlank();
        });
        assertThat(entries).filteredOn(entry -> ((String) entry.get("segment")).startsWith("rfm."))
                .extracting(entry -> entry.get("entered")).first().isEqualTo(true);
    }

    @Test
    void theExplanationGivesTheStageRuleWithItsFactsAndEverySegmentsTree() {
        String key = "big_spenders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pool.preparedQuery("""
                insert into segment (key, id, name, description, definition, version)
                values ($1, $2, 'Big spenders', 'Spent 100 or more', $3::text::jsonb, 1)""")
                .execute(Tuple.of(key, UUID.randomUUID(), "{\"revenue\": {\"gte\": 100}}"))
                .await().indefinitely();
        definitions.reload().await().indefinitely();
        try {
            String user = Events.newCustomer();
            Instant ordered = clock.instant().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            TestKafka.send(Events.order(user, "o-" + user, ordered, "150.00"));
            String id = awaitOne("userId", user);
            awaitStage(id, "at_risk");

            AtomicReference<JsonPath> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonPath why = given().get(PROFILES + "/" + id + "/explanation").then().statusCode(200).extract()
                        .jsonPath();
                found.set(why);
                return clock.instant().toString().equals(why.getString("at"));
            });
            JsonPath why = found.get();
            assertThat(why.getString("stage.key")).isEqualTo("at_risk");
            assertThat(why.getString("stage.rule")).isEqualTo("at_risk: no order for 90 days");
            assertThat(why.getLong("stage.facts.days_since_last_order")).isEqualTo(100);
            assertThat(why.getInt("stage.facts.orders")).isEqualTo(1);
            assertThat(why.getString("stage.facts.last_order_at")).isEqualTo(ordered.toString());
            assertThat(why.getString("stage.since")).isEqualTo(ordered.plus(Duration.ofDays(90)).toString());
            assertThat(why.getInt("stage.modelVersion")).isEqualTo(1);
            assertThat(why.getString("rfm.group")).isNotNull();
            assertThat(why.getString("rfm.rule"))
                    .startsWith(why.getString("rfm.group") + ": last order 90 to 179 days");
            assertThat(why.getLong("rfm.facts.recency_days")).isEqualTo(100);

            Map<String, Object> occasional = segment(why, "behaviour.occasional_buyers");
            assertThat(occasional).containsEntry("kind", "behaviour").containsEntry("name", "Occasional buyers")
                    .containsEntry("member", true);
            Map<String, Object> tree = explanation(occasional);
            assertThat(tree).containsEntry("rule", "all of").containsEntry("matched", true);
            List<Map<String, Object>> conditions = children(tree);
            assertThat(conditions).hasSize(2).allSatisfy(condition -> {
                assertThat(condition).containsEntry("matched", true);
                assertThat(facts(condition)).containsEntry("orders in total", 1);
            });
            assertThat(conditions.getFirst()).containsEntry("rule", "at least 1 order in total");

            Map<String, Object> repeat = segment(why, "behaviour.repeat_buyers");
            assertThat(repeat).containsEntry("member", false);
            assertThat(explanation(repeat)).containsEntry("matched", false);

            Map<String, Object> custom = segment(why, key);
            assertThat(custom).containsEntry("kind", "custom").containsEntry("name", "Big spenders")
                    .containsEntry("member", true).containsEntry("rule", "revenue in total is at least 100");
            assertThat(explanation(custom)).containsEntry("rule", "revenue in total is at least 100")
                    .containsEntry("matched", true);
            assertThat(facts(explanation(custom))).containsKey("revenue in total");
            assertThat(new BigDecimal(facts(explanation(custom)).get("revenue in total").toString()))
                    .isEqualByComparingTo("150");
        } finally {
            // The segment was made for this test only: the application is shared with other test classes.
            pool.preparedQuery("delete from segment where key = $1").execute(Tuple.of(key)).await().indefinitely();
            definitions.reload().await().indefinitely();
        }
    }

    @Test
    void theCsvExportQuotesFieldsPerRfc4180AndStreamsEveryPage() {
        String run = UUID.randomUUID().toString();
        String email = "\"csv,export-" + run + "\"@example.com";
        String tricky = "csv-" + UUID.randomUUID() + ", \"vip\"";
        Instant at = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<String> users = new ArrayList<>(List.of(tricky));
        for (int i = 0; i < 3; i++) {
            users.add(Events.newCustomer());
        }
        for (String user : users) {
            TestKafka.send(Events.identify(user, at, email));
        }
        TestKafka.send(Events.order(tricky, "o-" + UUID.randomUUID(), at.plusSeconds(5), "20.00"));
        String trickyId = awaitOne("userId", tricky);
        users.forEach(user -> awaitOne("userId", user));
        awaitStage(trickyId, "new_customer");
        List<String> expectedIds = ids(Map.of("email", email), 100);

        Response response = given().queryParam("email", email).get(PROFILES + "/export");
        response.then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment"));
        String csv = response.asString();
        assertThat(csv).endsWith("\r\n");
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("profile_id,user_id,email,stage,stage_since,rfm_group,segments");
        assertThat(lines).hasSize(1 + 4);
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, 36))
                .containsExactlyElementsOf(expectedIds);

        JsonPath profile = given().get(PROFILES + "/" + trickyId).then().statusCode(200).extract().jsonPath();
        String quotedUser = "\"" + tricky.replace("\"", "\"\"") + "\"";
        String quotedEmail = "\"\"\"csv,export-" + run + "\"\"@example.com\"";
        assertThat(lines).contains(trickyId + "," + quotedUser + "," + quotedEmail + ",new_customer,"
                + profile.getString("stageSince") + "," + profile.getString("rfmGroup") + ","
                + String.join(";", profile.getList("segments", String.class)));
    }

    @ParameterizedTest(name = "{0}?{1}={2} is refused naming {3}")
    @CsvSource(delimiter = '|', value = {
            "/api/profiles|stage|nonexistent|stage",
            "/api/profiles|rfm|best|rfm",
            "/api/profiles|segment|no_such_segment|segment",
            "/api/profiles|segment|stage.nonexistent|segment",
            "/api/profiles|segment|rfm.best|segment",
            "/api/profiles|limit|0|limit",
            "/api/profiles|limit|1001|limit",
            "/api/profiles|limit|ten|limit",
            "/api/profiles|cursor|not a cursor!|cursor",
            "/api/profiles|cursor|AAAA|cursor",
            "/api/profiles|email|' '|email",
            "/api/profiles|stag|active|stag",
            "/api/profiles/export|stage|nonexistent|stage",
            "/api/profiles/export|limit|10|limit",
            "/api/profiles/not-a-uuid||x|id",
            "/api/profiles/not-a-uuid/transitions||x|id",
            "/api/lifecycle-map|at|yesterday|at",
            "/api/lifecycle-map|examples|11|examples",
            "/api/lifecycle-map|examples|-1|examples",
            "/api/lifecycle-map|when|now|when"})
    void aBadParameterIsA400ProblemNamingIt(String path, String name, String value, String field) {
        var request = given();
        if (name != null) {
            request.queryParam(name, value);
        }
        request.get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void moreThanOneFilterOrARepeatedParameterIsA400ProblemNamingIt() {
        given().queryParam("stage", "active").queryParam("rfm", "champions").get(PROFILES).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("rfm"));
        given().queryParam("userId", "a").queryParam("email", "a@example.com").get(PROFILES + "/export").then()
                .statusCode(400).body("field", equalTo("email"));
        given().queryParam("stage", "active", "loyal").get(PROFILES).then().statusCode(400)
                .body("field", equalTo("stage"));
    }

    @Test
    void anUnknownProfileIsA404Problem() {
        String unknown = UUID.randomUUID().toString();
        for (String suffix : List.of("", "/transitions", "/memberships", "/explanation")) {
            given().get(PROFILES + "/" + unknown + suffix).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheReadEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/profiles"))
                .body("paths", hasKey("/api/profiles/export"))
                .body("paths", hasKey("/api/profiles/{id}"))
                .body("paths", hasKey("/api/profiles/{id}/transitions"))
                .body("paths", hasKey("/api/profiles/{id}/memberships"))
                .body("paths", hasKey("/api/profiles/{id}/explanation"))
                .body("paths", hasKey("/api/lifecycle-map"))
                .body("paths.'/api/profiles'.get.parameters.name", hasItem("cursor"))
                .body("paths.'/api/lifecycle-map'.get.responses", hasKey("400"));
    }

    /** Waits until exactly one profile answers to the identity, and returns its id. */
    private static String awaitOne(String parameter, String value) {
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> ids = ids(Map.of(parameter, value), 100);
            id.set(ids.size() == 1 ? ids.getFirst() : null);
            return id.get() != null;
        });
        return id.get();
    }

    private static void awaitStage(String id, String stage) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> stage.equals(given().get(PROFILES + "/" + id).then().statusCode(200).extract()
                        .path("stage")));
    }

    /** Every profile id the filter lists, following cursors to the last page. */
    private static List<String> ids(Map<String, String> filter, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParams(filter).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PROFILES).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static Map<String, Object> segment(JsonPath explanation, String key) {
        List<Map<String, Object>> segments = explanation.getList("segments");
        return segments.stream().filter(s -> key.equals(s.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("No segment " + key + " in the explanation"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> explanation(Map<String, Object> segment) {
        return (Map<String, Object>) segment.get("explanation");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> tree) {
        return (List<Map<String, Object>>) tree.get("children");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(Map<String, Object> tree) {
        return (Map<String, Object>) tree.get("facts");
    }
}
