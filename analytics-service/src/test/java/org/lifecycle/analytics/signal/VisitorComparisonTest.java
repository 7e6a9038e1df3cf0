package org.lifecycle.analytics.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import static org.lifecycle.analytics.support.Records.order;
import static org.lifecycle.analytics.support.Records.page;
import static org.lifecycle.analytics.support.Records.survey;
import static org.lifecycle.analytics.support.Records.unique;

/**
 * Visitors who ordered against those who did not, from known page views (campaign, referrer, user agent, device and
 * OS in the context), orders and survey answers: every count of the table is checked.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class VisitorComparisonTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final String WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    private static final String ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final String LINUX_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 "
            + "Firefox/121.0";
    private static final String INTERNAL = "\"page\":{\"referrer\":\"https://shop.example/\"}";

    @Test
    void convertedAndOtherVisitorsBySourcePagesDeviceAndAnswer() {
        String v1 = unique("v1");
        String v2 = unique("v2");
        String v3 = unique("v3");
        String v4 = unique("v4");
        String buyerWithoutVisit = unique("v5");
        String earlierVisitor = unique("v6");
        List<CustomerEvent> events = List.of(
                // v1: from a Google ad on Windows Chrome, three pages, orders, a promoter who found what they sought.
                page(v1, at("2033-08-02T09:00:00Z"), "/", "{\"campaign\":{\"source\":\"Google\",\"medium\":\"cpc\","
                        + "\"name\":\"spring\"},\"userAgent\":\"" + WINDOWS_CHROME + "\"}"),
                page(v1, at("2033-08-02T09:01:00Z"), "/pricing", "{" + INTERNAL + ",\"userAgent\":\"" + WINDOWS_CHROME
                        + "\"}"),
                page(v1, at("2033-08-02T09:02:00Z"), "/checkout", "{" + INTERNAL + ",\"userAgent\":\""
                        + WINDOWS_CHROME + "\"}"),
                order(v1, unique("o"), "80.00", at("2033-08-02T09:05:00Z")),
                survey(v1, 9, null, "{\"found_it\":\"yes\",\"nps\":9}", at("2033-08-03T10:00:00Z")),
                // v2: from Facebook on an iPhone, one page, no order, a detractor who did not find it.
                page(v2, at("2033-08-03T12:00:00Z"), "/", "{\"page\":{\"referrer\":\"https://www.facebook.com/x\"},"
                        + "\"userAgent\":\"" + IPHONE_SAFARI + "\"}"),
                survey(v2, 3, null, "{\"found_it\":\"no\",\"nps\":3}", at("2033-08-03T12:10:00Z")),
                // v3: direct, a tablet whose device and OS the SDK names, two pages, orders.
                page(v3, at("2033-08-05T08:00:00Z"), "/", "{\"device\":{\"type\":\"Tablet\"},\"os\":{\"name\":"
                        + "\"Android\"},\"userAgent\":\"" + ANDROID_TABLET + "\"}"),
                page(v3, at("2033-08-05T08:01:00Z"), "/pricing", "{" + INTERNAL + ",\"device\":{\"type\":"
                        + "\"Tablet\"},\"os\":{\"name\":\"Android\"},\"userAgent\":\"" + ANDROID_TABLET + "\"}"),
                order(v3, unique("o"), "20.00", at("2033-08-06T08:00:00Z")),
                // v4: from a Google ad on Linux Firefox, two pages on two days, no order.
                page(v4, at("2033-08-01T18:00:00Z"), "/", "{\"campaign\":{\"source\":\"google\",\"medium\":"
                        + "\"cpc\"},\"userAgent\":\"" + LINUX_FIREFOX + "\"}"),
                page(v4, at("2033-08-07T18:00:00Z"), "/shoes", "{" + INTERNAL + ",\"userAgent\":\"" + LINUX_FIREFOX
                        + "\"}"),
                // Not visitors of the range: an order without a visit, and a visit before the range.
                order(buyerWithoutVisit, unique("o"), "10.00", at("2033-08-04T08:00:00Z")),
                page(earlierVisitor, at("2033-07-31T23:00:00Z"), "/", "{\"userAgent\":\"" + LINUX_FIREFOX + "\"}"),
                order(earlierVisitor, unique("o"), "10.00", at("2033-08-01T08:00:00Z")));
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);

        JsonPath table = given().queryParam("from", "2033-08-01").queryParam("to", "2033-08-07").when()
                .get("/api/analytics/visitors/comparison").then().statusCode(200).extract().jsonPath()
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (int i = 0; i < table.getList("dimension").size(); i++) {
            counts.put(table.getString("[" + i + "].dimension") + "|" + table.getString("[" + i + "].value"),
                    List.of(table.getLong("[" + i + "].visitors"), table.getLong("[" + i + "].converted"),
                            table.getLong("[" + i + "].notConverted")));
        }
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        expected.put("all|all visitors", List.of(4L, 2L, 2L));
        expected.put("source|google / cpc", List.of(2L, 1L, 1L));
        expected.put("source|(direct) / (none)", List.of(1L, 1L, 0L));
        expected.put("source|facebook.com / referral", List.of(1L, 0L, 1L));
        expected.put("device|desktop", List.of(2L, 1L, 1L));
        expected.put("device|mobile", List.of(1L, 0L, 1L));
        expected.put("device|tablet", List.of(1L, 1L, 0L));
        expected.put("browser|Chrome", List.of(2L, 2L, 0L));
        expected.put("browser|Firefox", List.of(1L, 0L, 1L));
        expected.put("browser|Safari", List.of(1L, 0L, 1L));
        expected.put("os|Android", List.of(1L, 1L, 0L));
        expected.put("os|Linux", List.of(1L, 0L, 1L));
        expected.put("os|Windows", List.of(1L, 1L, 0L));
        expected.put("os|iOS", List.of(1L, 0L, 1L));
        expected.put("pages_viewed|1", List.of(1L, 0L, 1L));
        expected.put("pages_viewed|2", List.of(2L, 1L, 1L));
        expected.put("pages_viewed|3-4", List.of(1L, 1L, 0L));
        expected.put("page|/", List.of(4L, 2L, 2L));
        expected.put("page|/pricing", List.of(2L, 2L, 0L));
        expected.put("page|/checkout", List.of(1L, 1L, 0L));
        expected.put("page|/shoes", List.of(1L, 0L, 1L));
        expected.put("answer:found_it|no", List.of(1L, 0L, 1L));
        expected.put("answer:found_it|yes", List.of(1L, 1L, 0L));
        expected.put("answer:nps|9", List.of(1L, 1L, 0L));
        expected.put("answer:nps|3", List.of(1L, 0L, 1L));
        expected.put("answer:nps_category|detractor", List.of(1L, 0L, 1L));
        expected.put("answer:nps_category|promoter", List.of(1L, 1L, 0L));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(counts.keySet()).startsWith("all|all visitors", "source|google / cpc");

        // Totals: (3 + 2) page views over 2 converted visitors, (1 + 2) over 2 others.
        assertThat(table.getDouble("[0].conversionRate")).isEqualTo(0.5);
        assertThat(table.getDouble("[0].convertedPagesPerVisitor")).isEqualTo(2.5);
        assertThat(table.getDouble("[0].notConvertedPagesPerVisitor")).isEqualTo(1.5);
        assertThat(table.getDouble("[1].convertedShare")).isEqualTo(0.5);
        assertThat(table.getDouble("[1].notConvertedShare")).isEqualTo(0.5);
        assertThat(table.getDouble("[1].convertedPagesPerVisitor")).isEqualTo(3.0);
        assertThat(table.getDouble("[1].notConvertedPagesPerVisitor")).isEqualTo(2.0);

        String csv = given().accept("text/csv").when()
                .get("/api/analytics/visitors/comparison?from=2033-08-01&to=2033-08-07&dimension=device")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "dimension,value,visitors,converted,not_converted,conversion_rate,converted_share,"
                        + "not_converted_share,converted_pages_per_visitor,not_converted_pages_per_visitor",
                "all,all visitors,4,2,2,0.5,1.0,1.0,2.5,1.5",
                "device,desktop,2,1,1,0.5,0.5,0.5,3.0,2.0",
                "device,mobile,1,0,1,0.0,0.0,0.5,,1.0",
                "device,tablet,1,1,0,1.0,0.5,0.0,2.0,");

        JsonPath answers = given().when()
                .get("/api/analytics/visitors/comparison?from=2033-08-01&to=2033-08-07&dimension=answer")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answers.getList("dimension", String.class)).containsExactly("all", "answer:found_it",
                "answer:found_it", "answer:nps", "answer:nps", "answer:nps_category", "answer:nps_category");
    }

    @Test
    void numericAnswersAreListedByValueNotAsText() {
        // One visitor per answer, so the visitor counts tie and only the order of the values decides: as text it
        // would be 0, 1, 10, 2, 9. A rating question on 1-5 with two visitors on 5, and a text question whose
        // values carry numbers.
        int[] nps = {10, 9, 2, 1, 0};
        int[] csat = {5, 5, 4, 3, 1};
        String[] plan = {"plan-10", "plan-2", "plan-10", "plan-2", "plan-1"};
        List<CustomerEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < nps.length; i++) {
            String visitor = unique("scale");
            events.add(page(visitor, at("2034-02-03T09:00:00Z"), "/", "{}"));
            events.add(survey(visitor, nps[i], csat[i], "{\"nps\":" + nps[i] + ",\"csat\":" + csat[i]
                    + ",\"plan\":\"" + plan[i] + "\"}", at("2034-02-03T09:05:00Z")));
        }
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);

        JsonPath answers = given().queryParam("from", "2034-02-03").queryParam("to", "2034-02-03")
                .queryParam("dimension", "answer").when().get("/api/analytics/visitors/comparison").then()
                .statusCode(200).extract().jsonPath();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < answers.getList("dimension").size(); i++) {
            values.computeIfAbsent(answers.getString("[" + i + "].dimension"), d -> new java.util.ArrayList<>())
                    .add(answers.getString("[" + i + "].value"));
        }
        assertThat(values.get("answer:nps")).containsExactly("0", "1", "2", "9", "10");
        assertThat(values.get("answer:csat")).containsExactly("1", "3", "4", "5");
        // Not a scale: most visitors first, ties in natural order (plan-2 before plan-10).
        assertThat(values.get("answer:plan")).containsExactly("plan-2", "plan-10", "plan-1");
        assertThat(values.keySet()).containsExactly("all", "answer:csat", "answer:nps", "answer:nps_category",
                "answer:plan");

        String csv = given().accept("text/csv").when()
                .get("/api/analytics/visitors/comparison?from=2034-02-03&to=2034-02-03&dimension=answer:nps")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).extracting(line -> line.split(",")[1])
                .containsExactly("value", "all visitors", "0", "1", "2", "9", "10");
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
