package org.lifecycle.analytics.aggregate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.stats.ProportionComparison;
import org.lifecycle.analytics.stats.TwoProportionTest;
import org.lifecycle.analytics.support.IsolatedInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.DeadLetter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.email.EmailEvents;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.vertx.mutiny.sqlclient.Pool;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.lifecycle.analytics.support.Records.dispatch;
import static org.lifecycle.analytics.support.Records.email;
import static org.lifecycle.analytics.support.Records.entered;
import static org.lifecycle.analytics.support.Records.merge;
import static org.lifecycle.analytics.support.Records.order;
import static org.lifecycle.analytics.support.Records.page;
import static org.lifecycle.analytics.support.Records.refund;
import static org.lifecycle.analytics.support.Records.screen;
import static org.lifecycle.analytics.support.Records.survey;
import static org.lifecycle.analytics.support.Records.transition;
import static org.lifecycle.analytics.support.Records.unique;

/**
 * The aggregates as a user reads them over HTTP, after records are put on the service's topics. Each test uses its
 * own customers, journeys and days, far from the other tests' days.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class AggregatesTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);

    @Inject
    Pool pool;

    @BeforeAll
    static void exactNumbers() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void dailyFiguresFollowVisitsOrdersCostsAndRefunds() {
        String a = unique("ann");
        String b = unique("bob");
        String c = unique("cat");
        String vip = unique("vip");
        String o1 = unique("o1");
        List<CustomerEvent> events = List.of(
                page(a, at("2031-03-10T08:00:00Z")), page(a, at("2031-03-10T09:00:00Z")),
                page(b, at("2031-03-10T08:00:00Z")), page(c, at("2031-03-10T08:30:00Z")),
                page(unique("dan"), at("2031-03-10T11:00:00Z")), screen(unique("eve"), at("2031-03-10T12:00:00Z")),
                order(a, o1, "100.00", "60.00", at("2031-03-10T10:00:00Z"), unique("m")),
                order(a, unique("o2"), "50.00", at("2031-03-10T15:00:00Z")),
                order(b, unique("o3"), "30.00", at("2031-03-10T16:00:00Z")),
                order(c, unique("o4"), "20.00", at("2031-03-11T09:00:00Z")),
                // The same order again under another message id: counted once, by order_id.
                order(a, o1, "100.00", "60.00", at("2031-03-10T10:00:00Z"), unique("m")),
                refund(c, unique("r1"), "10.00", at("2031-03-11T12:00:00Z")));
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.MEMBERSHIPS, List.of(entered(a, vip, at("2031-03-01T00:00:00Z"))));
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS, Topics.MEMBERSHIPS);

        JsonPath daily = given().queryParam("from", "2031-03-10").queryParam("to", "2031-03-11")
                .when().get("/api/analytics/daily").then().statusCode(200).extract().jsonPath();
        assertThat(daily.getList("day")).containsExactly("2031-03-10", "2031-03-11");
        assertThat(daily.getLong("[0].visitors")).isEqualTo(5);
        assertThat(daily.getLong("[0].buyers")).isEqualTo(2);
        assertThat(daily.getDouble("[0].conversionRate")).isCloseTo(0.4, within(1e-12));
        assertThat(daily.getLong("[0].orders")).isEqualTo(3);
        assertThat(decimal(daily, "[0].revenue")).isEqualByComparingTo("180.00");
        assertThat(decimal(daily, "[0].averageOrderValue")).isEqualByComparingTo("60.00");
        assertThat(decimal(daily, "[0].revenuePerCustomer")).isEqualByComparingTo("90.00");
        assertThat(daily.getLong("[0].costedOrders")).isEqualTo(1);
        assertThat(decimal(daily, "[0].marginPerCustomer")).isEqualByComparingTo("40.00");
        assertThat(daily.getLong("[0].returningBuyers")).isEqualTo(1);
        assertThat(daily.getDouble("[0].meanDaysBetweenPurchases")).isCloseTo(5.0 / 24, within(1e-9));
        assertThat(daily.getDouble("[0].medianDaysBetweenPurchases")).isCloseTo(5.0 / 24, within(1e-9));
        assertThat(daily.getLong("[1].orders")).isEqualTo(1);
        assertThat(daily.getLong("[1].refunds")).isEqualTo(1);
        assertThat(decimal(daily, "[1].refundedAmount")).isEqualByComparingTo("10.00");
        assertThat(daily.getLong("[1].visitors")).isZero();
        assertThat((Object) daily.get("[1].conversionRate")).isNull();

        JsonPath summary = given().queryParam("from", "2031-03-10").queryParam("to", "2031-03-11")
                .when().get("/api/analytics/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("orders")).isEqualTo(4);
        assertThat(summary.getLong("buyers")).isEqualTo(3);
        assertThat(summary.getLong("repeatCustomers")).isEqualTo(1);
        assertThat(summary.getDouble("repeatPurchaseRate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(decimal(summary, "revenue")).isEqualByComparingTo("200.00");
        assertThat(decimal(summary, "averageOrderValue")).isEqualByComparingTo("50.00");
        assertThat(summary.getLong("visitors")).isEqualTo(5);

        JsonPath vipOnly = given().queryParam("from", "2031-03-10").queryParam("to", "2031-03-10")
                .queryParam("segment", vip).when().get("/api/analytics/daily").then().statusCode(200)
                .extract().jsonPath();
        assertThat(vipOnly.getLong("[0].orders")).isEqualTo(2);
        assertThat(vipOnly.getLong("[0].visitors")).isEqualTo(1);
        assertThat((Object) vipOnly.get("[0].refunds")).isNull();

        String csv = given().accept("text/csv").queryParam("from", "2031-03-10").queryParam("to", "2031-03-11")
                .when().get("/api/analytics/daily").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("day,visitors,buyers,conversion_rate,orders,revenue,average_order_value");
        assertThat(lines[1]).startsWith("2031-03-10,5,2,0.4,3,180.00,60.00,90.00,1,40.00,1,");
    }

    @Test
    void conversionRateIsTheShareOfVisitorsWhoOrderedNeverAboveOne() {
        String x = unique("x");
        String y = unique("y");
        String w = unique("w");
        List<CustomerEvent> events = new ArrayList<>(List.of(
                // Day 1: two visitors, x orders; three more buyers ordered without any page view (imported or
                // phone orders): buyers / visitors would be 4 / 2.
                page(x, at("2031-04-20T08:00:00Z")), page(y, at("2031-04-20T08:30:00Z")),
                order(x, unique("o"), "10.00", at("2031-04-20T09:00:00Z")),
                // Day 2: y, a visitor of day 1, orders without visiting again; w visits and does not order.
                order(y, unique("o"), "10.00", at("2031-04-21T09:00:00Z")),
                page(w, at("2031-04-21T10:00:00Z"))));
        for (int i = 0; i < 3; i++) {
            events.add(order(unique("offline"), unique("o"), "5.00", at("2031-04-20T12:00:00Z")));
        }
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);

        JsonPath daily = given().queryParam("from", "2031-04-20").queryParam("to", "2031-04-21")
                .when().get("/api/analytics/daily").then().statusCode(200).extract().jsonPath();
        assertThat(daily.getLong("[0].visitors")).isEqualTo(2);
        assertThat(daily.getLong("[0].buyers")).isEqualTo(4);
        assertThat(daily.getDouble("[0].conversionRate")).isCloseTo(0.5, within(1e-12));
        assertThat(daily.getLong("[0].convertedVisitors")).isEqualTo(1);
        // y's order is not a conversion of day 2's visitors: y did not visit that day.
        assertThat(daily.getLong("[1].visitors")).isEqualTo(1);
        assertThat(daily.getLong("[1].buyers")).isEqualTo(1);
        assertThat(daily.getLong("[1].convertedVisitors")).isZero();
        assertThat(daily.getDouble("[1].conversionRate")).isZero();

        // Over the range y visited and ordered: x and y of the three visitors, while 5 customers bought.
        JsonPath summary = given().queryParam("from", "2031-04-20").queryParam("to", "2031-04-21")
                .when().get("/api/analytics/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("visitors")).isEqualTo(3);
        assertThat(summary.getLong("buyers")).isEqualTo(5);
        assertThat(summary.getLong("convertedVisitors")).isEqualTo(2);
        assertThat(summary.getDouble("conversionRate")).isCloseTo(2.0 / 3, within(1e-12));

        // A segment keeps its own visitors and their orders only.
        String members = unique("members");
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.MEMBERSHIPS, List.of(entered(y, members, at("2031-04-01T00:00:00Z")),
                    entered(w, members, at("2031-04-01T00:00:00Z"))));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.MEMBERSHIPS);
        JsonPath segment = given().queryParam("from", "2031-04-20").queryParam("to", "2031-04-21")
                .queryParam("segment", members).when().get("/api/analytics/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(segment.getLong("visitors")).isEqualTo(2);
        assertThat(segment.getLong("convertedVisitors")).isEqualTo(1);
        assertThat(segment.getDouble("conversionRate")).isCloseTo(0.5, within(1e-12));

        String csv = given().accept("text/csv").queryParam("from", "2031-04-20").queryParam("to", "2031-04-20")
                .when().get("/api/analytics/daily").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("day,visitors,buyers,conversion_rate,").endsWith(",converted_visitors");
        assertThat(lines[1]).startsWith("2031-04-20,2,4,0.5,").endsWith(",1");
    }

    @Test
    void stagesFlowsChurnAndReactivationsFollowTransitions() {
        String p1 = unique("p1");
        String p2 = unique("p2");
        String p3 = unique("p3");
        String p4 = unique("p4");
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.TRANSITIONS, List.of(
                    transition(p1, null, "new_customer", at("2032-05-01T10:00:00Z"), false),
                    transition(p2, null, "new_customer", at("2032-05-01T11:00:00Z"), false),
                    transition(p3, null, "active", at("2032-05-01T12:00:00Z"), false),
                    transition(p4, null, "prospect", at("2032-05-01T13:00:00Z"), false),
                    transition(p1, "new_customer", "lapsed", at("2032-05-02T10:00:00Z"), false),
                    transition(p3, "active", "at_risk", at("2032-05-02T10:00:00Z"), false),
                    transition(p1, "lapsed", "active", at("2032-05-03T10:00:00Z"), true)));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.TRANSITIONS);
        try (TopicWriter writer = new TopicWriter()) {
            // p3 turns out to be p2: p3's at_risk place disappears, p2 stays a new customer.
            writer.send(Topics.TRANSITIONS, List.of(merge(p2, p3, "new_customer", at("2032-05-03T12:00:00Z"))));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.TRANSITIONS);

        JsonPath stages = given().queryParam("from", "2032-05-01").queryParam("to", "2032-05-03")
                .when().get("/api/analytics/stages").then().statusCode(200).extract().jsonPath();
        assertThat(count(stages, "2032-05-01", "new_customer")).isEqualTo(2);
        assertThat(count(stages, "2032-05-01", "active")).isEqualTo(1);
        assertThat(count(stages, "2032-05-01", "prospect")).isEqualTo(1);
        assertThat(count(stages, "2032-05-02", "new_customer")).isEqualTo(1);
        assertThat(count(stages, "2032-05-02", "lapsed")).isEqualTo(1);
        assertThat(count(stages, "2032-05-02", "at_risk")).isEqualTo(1);
        assertThat(count(stages, "2032-05-02", "active")).isZero();
        assertThat(count(stages, "2032-05-03", "active")).isEqualTo(1);
        assertThat(count(stages, "2032-05-03", "lapsed")).isZero();
        assertThat(count(stages, "2032-05-03", "at_risk")).isZero();
        assertThat(count(stages, "2032-05-03", "new_customer")).isEqualTo(1);

        JsonPath daily = given().queryParam("from", "2032-05-02").queryParam("to", "2032-05-02")
                .when().get("/api/analytics/daily").then().statusCode(200).extract().jsonPath();
        assertThat(daily.getLong("[0].churned")).isEqualTo(1);
        assertThat(daily.getLong("[0].aliveAtStart")).isEqualTo(3);
        assertThat(daily.getDouble("[0].churnRate")).isCloseTo(1.0 / 3, within(1e-12));

        JsonPath flows = given().queryParam("from", "2032-05-01").queryParam("to", "2032-05-03")
                .when().get("/api/analytics/flows").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = flows.getList("");
        assertThat(rows).extracting(r -> r.get("fromStage") + ">" + r.get("toStage") + "=" + r.get("transitions")
                + "/" + r.get("reactivations")).containsExactlyInAnyOrder("null>active=1/0", "null>new_customer=2/0",
                        "null>prospect=1/0", "active>at_risk=1/0", "lapsed>active=1/1", "new_customer>lapsed=1/0");

        given().queryParam("from", "2032-05-01").queryParam("to", "2032-05-03")
                .when().get("/api/analytics/reactivations").then().statusCode(200)
                .body("reactivations", equalTo(List.of(0, 0, 1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().accept("text/plain")
                .when().get("/q/metrics").then().statusCode(200)
                .body(containsString("lifecycle_analytics_stage_customers{stage=\"prospect\""))
                .body(containsString("lifecycle_analytics_revenue_latest_day")));
    }

    @Test
    void campaignResultsAbTestAndHoldoutUplift() {
        String journey = unique("welcome");
        String segment = unique("newsletter");
        Instant sent = at("2034-06-01T09:00:00Z");
        List<String> groupA = customers("a", 20);
        List<String> groupB = customers("b", 20);
        List<String> holdout = customers("h", 20);
        List<org.lifecycle.contracts.membership.MembershipChange> memberships = new ArrayList<>();
        groupA.subList(0, 10).forEach(c -> memberships.add(entered(c, segment, at("2034-05-01T00:00:00Z"))));
        List<org.lifecycle.contracts.dispatch.Dispatch> dispatches = new ArrayList<>();
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String a = groupA.get(i);
            String b = groupB.get(i);
            dispatches.add(dispatch(DispatchType.SENT, a, journey, "s1", "A", sent, null));
            dispatches.add(dispatch(DispatchType.SENT, b, journey, "s1", "B", sent, null));
            dispatches.add(dispatch(DispatchType.DELIVERED, a, journey, "s1", "A", sent.plusSeconds(5), null));
            if (i < 18) {
                dispatches.add(dispatch(DispatchType.DELIVERED, b, journey, "s1", "B", sent.plusSeconds(5), null));
            }
            dispatches.add(dispatch(DispatchType.SUPPRESSED, holdout.get(i), journey, "entry", null, sent,
                    "held_out"));
            if (i < 10) {
                events.add(email(a, EmailEvents.EMAIL_OPENED, journey, "s1", sent.plusSeconds(600)));
            }
            if (i < 12) {
                events.add(email(b, EmailEvents.EMAIL_OPENED, journey, "s1", sent.plusSeconds(600)));
            }
            if (i < 5) {
                events.add(email(a, EmailEvents.EMAIL_LINK_CLICKED, journey, "s1", sent.plusSeconds(700)));
            }
            if (i < 8) {
                events.add(email(b, EmailEvents.EMAIL_LINK_CLICKED, journey, "s1", sent.plusSeconds(700)));
            }
            if (i == 0) {
                events.add(email(a, EmailEvents.UNSUBSCRIBED, journey, "s1", sent.plusSeconds(800)));
            }
            if (i < 4) {
                events.add(order(a, unique("oa"), "40.00", sent.plus(Duration.ofDays(2))));
            }
            if (i < 10) {
                events.add(order(b, unique("ob"), "25.00", sent.plus(Duration.ofDays(3))));
            }
            if (i < 2) {
                events.add(order(holdout.get(i), unique("oh"), "30.00", sent.plus(Duration.ofDays(1))));
            }
        }
        // Ten days after the message: outside the default 7-day window, inside a 14-day one.
        events.add(order(groupA.get(19), unique("late"), "99.00", sent.plus(Duration.ofDays(10))));
        // Before the message: never credited to it.
        events.add(order(groupA.get(18), unique("early"), "11.00", sent.minus(Duration.ofDays(1))));
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.MEMBERSHIPS, memberships);
            TopicWriter.awaitApplied(APPLIED, Topics.MEMBERSHIPS);
            writer.send(Topics.DISPATCHES, dispatches);
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.DISPATCHES, Topics.EVENTS);

        JsonPath results = given().queryParam("from", "2034-06-01").queryParam("to", "2034-06-01")
                .queryParam("journey", journey).when().get("/api/analytics/campaigns").then().statusCode(200)
                .extract().jsonPath();
        assertThat(results.getList("variant")).containsExactly("A", "B");
        assertThat(results.getLong("[0].sent")).isEqualTo(20);
        assertThat(results.getLong("[0].delivered")).isEqualTo(20);
        assertThat(results.getLong("[0].opened")).isEqualTo(10);
        assertThat(results.getLong("[0].clicked")).isEqualTo(5);
        assertThat(results.getLong("[0].unsubscribed")).isEqualTo(1);
        assertThat(results.getLong("[0].converted")).isEqualTo(4);
        assertThat(decimal(results, "[0].attributedRevenue")).isEqualByComparingTo("160.00");
        assertThat(results.getDouble("[0].conversionRate")).isCloseTo(0.2, within(1e-12));
        assertThat(results.getLong("[1].delivered")).isEqualTo(18);
        assertThat(results.getLong("[1].converted")).isEqualTo(10);
        assertThat(decimal(results, "[1].attributedRevenue")).isEqualByComparingTo("250.00");

        JsonPath wider = given().queryParam("from", "2034-06-01").queryParam("to", "2034-06-01")
                .queryParam("journey", journey).queryParam("windowDays", 14).when().get("/api/analytics/campaigns")
                .then().statusCode(200).extract().jsonPath();
        assertThat(wider.getLong("[0].converted")).isEqualTo(5);
        assertThat(decimal(wider, "[0].attributedRevenue")).isEqualByComparingTo("259.00");

        JsonPath bySegment = given().queryParam("from", "2034-06-01").queryParam("to", "2034-06-01")
                .queryParam("journey", journey).queryParam("segment", segment).queryParam("bySegment", true)
                .when().get("/api/analytics/campaigns").then().statusCode(200).extract().jsonPath();
        assertThat(bySegment.getList("segment")).containsExactly(segment);
        assertThat(bySegment.getLong("[0].sent")).isEqualTo(10);
        assertThat(bySegment.getLong("[0].converted")).isEqualTo(4);

        JsonPath ab = given().when().get("/api/analytics/campaigns/" + journey
                + "/ab-tests?from=2034-06-01&to=2034-06-01").then().statusCode(200).extract().jsonPath();
        ProportionComparison expected = TwoProportionTest.compare(10, 20, 4, 20, 0.95);
        assertThat(ab.getList("variant")).containsExactly("B");
        assertThat(ab.getString("[0].reference")).isEqualTo("A");
        assertThat(ab.getDouble("[0].difference")).isCloseTo(0.3, within(1e-12));
        assertThat(ab.getDouble("[0].pValue")).isCloseTo(expected.pValue(), within(1e-12));
        assertThat(ab.getDouble("[0].lower")).isCloseTo(expected.newcombeLower(), within(1e-12));
        assertThat(ab.getDouble("[0].upper")).isCloseTo(expected.newcombeUpper(), within(1e-12));

        JsonPath uplift = given().when().get("/api/analytics/campaigns/" + journey
                + "/holdout?from=2034-06-01&to=2034-06-01").then().statusCode(200).extract().jsonPath();
        assertThat(uplift.getLong("treatmentCustomers")).isEqualTo(40);
        assertThat(uplift.getLong("treatmentConverted")).isEqualTo(14);
        assertThat(uplift.getLong("holdoutCustomers")).isEqualTo(20);
        assertThat(uplift.getLong("holdoutConverted")).isEqualTo(2);
        assertThat(uplift.getDouble("uplift")).isCloseTo(0.35 - 0.1, within(1e-12));
        ProportionComparison holdoutExpected = TwoProportionTest.compare(14, 40, 2, 20, 0.95);
        assertThat(uplift.getDouble("lower")).isCloseTo(holdoutExpected.newcombeLower(), within(1e-12));
        assertThat(uplift.getDouble("pValue")).isCloseTo(holdoutExpected.pValue(), within(1e-12));
    }

    @Test
    void badQueryParametersAreRejectedNamingTheParameter() {
        given().queryParam("from", "yesterday").when().get("/api/analytics/daily").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("from"));
        given().queryParam("from", "2031-03-11").queryParam("to", "2031-03-10").when().get("/api/analytics/summary")
                .then().statusCode(400).body("field", equalTo("from"));
        given().queryParam("windowDays", "0").when().get("/api/analytics/campaigns").then().statusCode(400)
                .body("field", equalTo("windowDays"));
        given().queryParam("metric", "revenue").when().get("/api/analytics/campaigns/j/ab-tests").then()
                .statusCode(400).body("field", equalTo("metric"));
        given().queryParam("to", "2031-13").when().get("/api/analytics/cohorts").then().statusCode(400)
                .body("field", equalTo("to"));
    }

    @Test
    void openApiDescribesTheFigures() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/analytics/daily"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/analytics/cohorts"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/analytics/campaigns/{journeyId}/holdout"));
    }

    @Test
    void aValueThatIsNotARecordGoesToTheDeadLetterTopicAndThePartitionGoesOn() {
        String customer = unique("zoe");
        String garbage = "{\"id\": \"" + unique("bad") + "\", \"type\": \"track\"";
        try (TopicWriter writer = new TopicWriter()) {
            writer.sendRaw(Topics.EVENTS, customer, garbage);
            writer.send(Topics.EVENTS, List.of(order(customer, unique("o"), "5.00", at("2036-01-02T10:00:00Z"))));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);

        given().queryParam("from", "2036-01-01").queryParam("to", "2036-01-31").when().get("/api/analytics/summary")
                .then().statusCode(200).body("orders", equalTo(1));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, unique("dlq-reader"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            String deadLetters = IsolatedInfrastructure.topic(Topics.deadLetter(Topics.EVENTS));
            consumer.subscribe(List.of(deadLetters));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (garbage.equals(r.value())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            ConsumerRecord<String, String> dead = found.get(0);
            assertThat(dead.key()).isEqualTo(customer);
            assertThat(new String(dead.headers().lastHeader(DeadLetter.ORIGINAL_TOPIC).value(),
                    StandardCharsets.UTF_8)).isEqualTo(IsolatedInfrastructure.topic(Topics.EVENTS));
            assertThat(new String(dead.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                    .contains("CustomerEvent");
        }
    }

    @Test
    void erasingACustomerKeepsTheFiguresAndForgetsTheirIdentifiers() {
        String user = unique("gdpr-user");
        String device = unique("gdpr-device");
        String journey = unique("erase");
        Instant at = at("2037-04-04T10:00:00Z");
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.TRANSITIONS, List.of(transition(user, null, "new_customer", at, false)));
            writer.send(Topics.MEMBERSHIPS, List.of(entered(user, "engaged", at)));
            writer.send(Topics.EVENTS, List.of(page(user, at.minusSeconds(60)), screen(device, at.minusSeconds(90)),
                    order(user, unique("o"), "42.00", at), survey(user, 9, 4, "{\"why\":\"fast\"}", at)));
            writer.send(Topics.DISPATCHES, List.of(dispatch(DispatchType.SENT, user, journey, "s1", null,
                    at.minusSeconds(3600), null)));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS, Topics.TRANSITIONS, Topics.MEMBERSHIPS, Topics.DISPATCHES);
        String range = "from=2037-04-01&to=2037-04-30";
        String summary = given().when().get("/api/analytics/summary?" + range).then().statusCode(200).extract()
                .asString();
        String campaigns = given().when().get("/api/analytics/campaigns?" + range).then().statusCode(200).extract()
                .asString();
        String satisfaction = given().when().get("/api/analytics/satisfaction?groupBy=stage&" + range).then()
                .statusCode(200).extract().asString();
        assertThat(satisfaction).contains("\"npsResponses\":1");
        assertThat(rowsNaming(user)).isPositive();
        assertThat(rowsNaming(device)).isPositive();

        try (TopicWriter writer = new TopicWriter()) {
            // The request, then the tombstone segmentation publishes with the erased profile's id.
            writer.send(Topics.DELETIONS, List.of(new DeletionRequest(unique("del"), DeletionType.DELETION_REQUESTED,
                    DeletionRequest.VERSION, at.plusSeconds(60), at.plusSeconds(60), user, device, null, "customer",
                    null),
                    new DeletionRequest(unique("del"), DeletionType.PROFILE_DELETED, DeletionRequest.VERSION,
                            at.plusSeconds(61), at.plusSeconds(61), user, device, null, "customer", user)));
        }
        TopicWriter.awaitApplied(APPLIED, Topics.DELETIONS);

        assertThat(rowsNaming(user)).isZero();
        assertThat(rowsNaming(device)).isZero();
        given().when().get("/api/analytics/summary?" + range).then().statusCode(200).body(equalTo(summary));
        given().when().get("/api/analytics/campaigns?" + range).then().statusCode(200).body(equalTo(campaigns));
        given().when().get("/api/analytics/satisfaction?groupBy=stage&" + range).then().statusCode(200)
                .body(equalTo(satisfaction));
    }

    private long rowsNaming(String identifier) {
        long rows = 0;
        for (String table : List.of("customer_order", "customer_month", "daily_visitor", "profile_stage",
                "segment_member", "campaign_contact", "campaign_holdout", "stage_history", "segment_change",
                "signal_response", "visitor_attribute")) {
            rows += pool.preparedQuery("select count(*) as n from " + table + " t where strpos(t::text, $1) > 0")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(identifier)).await().indefinitely().iterator().next()
                    .getLong("n");
        }
        return rows;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static BigDecimal decimal(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static long count(JsonPath stages, String day, String stage) {
        List<Map<String, Object>> rows = stages.getList("");
        return rows.stream().filter(r -> day.equals(r.get("day")) && stage.equals(r.get("stage")))
                .mapToLong(r -> ((Number) r.get("customers")).longValue()).findFirst().orElse(0);
    }

    private static List<String> customers(String prefix, int count) {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(unique(prefix + i));
        }
        return customers;
    }
}
