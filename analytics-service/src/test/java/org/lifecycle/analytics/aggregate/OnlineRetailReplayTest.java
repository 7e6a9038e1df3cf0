package org.lifecycle.analytics.aggregate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.OnlineRetail;
import org.lifecycle.analytics.support.PredictionInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.commerce.CommerceEvents;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Replays the UCI Online Retail data set (541,909 invoice lines) onto the service's events topic as the platform's
 * replay sends it (an identify per new customer, an {@code Order Completed} per invoice, an {@code Order Refunded}
 * per cancellation), then checks the service's figures against values computed here, directly from the CSV lines:
 * <ul>
 * <li>a line with a CustomerID belongs to that customer; lines without one (guest checkouts) are left out;</li>
 * <li>an invoice whose number starts with {@code C} is a refund, any other invoice an order;</li>
 * <li>an invoice's amount is the sum of quantity x unit price over its lines, to the cent (refunds as a positive
 * amount), and its time the earliest of its lines' times, UK local time;</li>
 * <li>days and months are UTC calendar days and months of that time.</li>
 * </ul>
 * Skipped when the data file is absent.
 */
@QuarkusTest
@QuarkusTestResource(value = PredictionInfrastructure.class, restrictToAnnotatedClass = true)
class OnlineRetailReplayTest {

    private static final String FILE_NAME = OnlineRetail.FILE_NAME;
    private static final ZoneId SHOP_ZONE = OnlineRetail.SHOP_ZONE;
    private static final DateTimeFormatter CSV_TIME = OnlineRetail.CSV_TIME;

    @BeforeAll
    static void exactNumbers() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void figuresOfTheOnlineRetailReplayMatchTheCsv() throws IOException {
        Optional<Path> file = OnlineRetail.dataFile();
        Assumptions.assumeTrue(file.isPresent(), "Online Retail data not found: put " + FILE_NAME
                + " under $LIFECYCLE_DATA_DIR or a shared/data directory beside the repository; test skipped");
        List<String[]> lines = OnlineRetail.read(file.get());
        Expected expected = Expected.from(lines);
        List<CustomerEvent> events = OnlineRetail.replayEvents(lines);

        long started = System.nanoTime();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(Duration.ofMinutes(20), Topics.EVENTS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Online Retail replay: %d events produced and applied in %.1f s (%.0f events/s)%n",
                events.size(), seconds, events.size() / seconds);

        // The cleaning rules give the data set's documented counts.
        assertThat(expected.orders).isEqualTo(18_536);
        assertThat(expected.buyers).isEqualTo(4_339);

        String range = "from=2010-12-01&to=2011-12-09";
        JsonPath summary = given().when().get("/api/analytics/summary?" + range).then().statusCode(200).extract()
                .jsonPath();
        assertThat(summary.getLong("orders")).isEqualTo(expected.orders);
        assertThat(summary.getLong("buyers")).isEqualTo(expected.buyers);
        assertThat(decimal(summary, "revenue")).isEqualByComparingTo(expected.revenue);
        assertThat(decimal(summary, "averageOrderValue"))
                .isEqualByComparingTo(expected.revenue.divide(BigDecimal.valueOf(expected.orders), 2,
                        RoundingMode.HALF_UP));
        assertThat(summary.getLong("repeatCustomers")).isEqualTo(expected.repeatCustomers);
        assertThat(summary.getDouble("repeatPurchaseRate"))
                .isCloseTo((double) expected.repeatCustomers / expected.buyers, within(1e-12));
        assertThat(summary.getLong("refunds")).isEqualTo(expected.refunds);
        assertThat(decimal(summary, "refundedAmount")).isEqualByComparingTo(expected.refunded);
        assertThat(summary.getDouble("meanDaysBetweenPurchases")).isCloseTo(expected.meanGap, within(1e-6));
        assertThat(summary.getDouble("medianDaysBetweenPurchases")).isCloseTo(expected.medianGap, within(1e-6));

        JsonPath daily = given().when().get("/api/analytics/daily?" + range).then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> days = daily.getList("");
        Map<LocalDate, Long> ordersByDay = new TreeMap<>();
        Map<LocalDate, BigDecimal> revenueByDay = new TreeMap<>();
        for (Map<String, Object> day : days) {
            LocalDate date = LocalDate.parse((String) day.get("day"));
            long orders = ((Number) day.get("orders")).longValue();
            if (orders > 0) {
                ordersByDay.put(date, orders);
                revenueByDay.put(date, new BigDecimal(day.get("revenue").toString()).stripTrailingZeros());
            }
        }
        assertThat(ordersByDay).isEqualTo(expected.ordersByDay);
        assertThat(revenueByDay).isEqualTo(strip(expected.revenueByDay));

        JsonPath cohorts = given().when().get("/api/analytics/cohorts?from=2010-12&to=2011-12").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cells = cohorts.getList("");
        Map<String, String> actualMatrix = new TreeMap<>();
        for (Map<String, Object> cell : cells) {
            actualMatrix.put(cell.get("cohort") + "+" + cell.get("monthsSince"), cell.get("cohortSize") + " "
                    + cell.get("customers") + " " + plain(cell.get("revenue")) + " "
                    + plain(cell.get("cumulativeRevenue")));
        }
        assertThat(actualMatrix).isEqualTo(expected.cohortMatrix());
        assertThat(cells).hasSize(13 * 14 / 2);

        crossSellRulesMatchTheBaskets(events);
        fitPredictions("BG_NBD");
        fitPredictions("PARETO_NBD");
    }

    /**
     * The rules of the five best-selling products against support, confidence and lift counted here from the orders'
     * baskets, under the default thresholds (0.05 % support, 2 orders, 5 % confidence, at most 100 products).
     */
    private static void crossSellRulesMatchTheBaskets(List<CustomerEvent> events) {
        List<Set<String>> baskets = new ArrayList<>();
        for (CustomerEvent event : events) {
            if (CommerceEvents.ORDER_COMPLETED.equals(event.event())) {
                Set<String> basket = new LinkedHashSet<>();
                event.properties().get("products").forEach(product -> basket.add(product.get("product_id").asText()));
                if (!basket.isEmpty() && basket.size() <= 100) {
                    baskets.add(basket);
                }
            }
        }
        Map<String, Long> single = new HashMap<>();
        baskets.forEach(basket -> basket.forEach(product -> single.merge(product, 1L, Long::sum)));
        List<String> best = single.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(Map.Entry::getKey).toList();
        double total = baskets.size();
        long minPair = Math.max(2, (long) Math.ceil(0.0005 * total));
        for (String x : best) {
            Map<String, Long> pairs = new HashMap<>();
            baskets.stream().filter(basket -> basket.contains(x)).forEach(basket -> basket.stream()
                    .filter(y -> !y.equals(x)).forEach(y -> pairs.merge(y, 1L, Long::sum)));
            record Rule(String product, long both, double confidence, double lift) {
            }
            long withX = single.get(x);
            List<Rule> rules = pairs.entrySet().stream().filter(e -> e.getValue() >= minPair)
                    .map(e -> {
                        double confidence = e.getValue() / (double) withX;
                        return new Rule(e.getKey(), e.getValue(), confidence,
                                confidence / (single.get(e.getKey()) / total));
                    })
                    .filter(rule -> rule.confidence() >= 0.05)
                    .sorted(Comparator.comparingDouble(Rule::confidence).reversed()
                            .thenComparing(Comparator.comparingDouble(Rule::lift).reversed())
                            .thenComparing(Rule::product))
                    .limit(10).toList();

            JsonPath body = given().get("/api/analytics/recommendations/products/{id}?limit=10", x).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(body.getLong("totalOrders")).isEqualTo(baskets.size());
            assertThat(body.getLong("orders")).isEqualTo(withX);
            assertThat(body.getList("recommendations.productId", String.class))
                    .containsExactlyElementsOf(rules.stream().map(Rule::product).toList());
            List<Long> both = body.getList("recommendations.orders", Long.class);
            List<Double> lift = body.getList("recommendations.lift", Double.class);
            for (int i = 0; i < rules.size(); i++) {
                assertThat(both.get(i)).isEqualTo(rules.get(i).both());
                assertThat(lift.get(i)).isCloseTo(rules.get(i).lift(), within(1e-9));
            }
            System.out.printf("Online Retail cross-sell: %s in %d of %d orders; best rule %s%n", x, withX,
                    baskets.size(), rules.isEmpty() ? "none" : rules.getFirst());
        }
    }

    /** Fits the model on the replayed orders and prints how long it took. */
    private static void fitPredictions(String model) {
        Response started = given().post("/api/analytics/predictions/refresh?model=" + model);
        started.then().statusCode(202);
        String location = started.header("Location");
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    job[0] = given().get(location).then().statusCode(200).extract().jsonPath();
                    return !"running".equals(job[0].getString("status"));
                });
        assertThat(job[0].getString("status")).as(job[0].prettify()).isEqualTo("succeeded");
        System.out.printf("Online Retail fit %s: %d customers (%d repeat buyers), %d ms, log-likelihood %.2f,"
                + " parameters %s, Gamma-Gamma %s, %d published%n", job[0].getString("model"),
                job[0].getLong("customers"), job[0].getLong("repeatBuyers"), job[0].getLong("durationMs"),
                job[0].getDouble("purchaseLogLikelihood"), job[0].getMap("purchaseParameters"),
                job[0].getMap("spendParameters"), job[0].getLong("published"));
    }

    /** The figures, computed line by line from the CSV under the class's cleaning rules. */
    private static final class Expected {
        long orders;
        long buyers;
        long repeatCustomers;
        long refunds;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        double meanGap;
        double medianGap;
        final Map<LocalDate, Long> ordersByDay = new TreeMap<>();
        final Map<LocalDate, BigDecimal> revenueByDay = new TreeMap<>();
        /** customer -> month -> revenue of that month's orders. */
        final Map<String, Map<YearMonth, BigDecimal>> months = new HashMap<>();

        static Expected from(List<String[]> lines) {
            Map<String, String> customerOf = new HashMap<>();
            Map<String, BigDecimal> amount = new HashMap<>();
            Map<String, LocalDateTime> time = new HashMap<>();
            for (String[] line : lines) {
                String customer = OnlineRetail.customer(line[6]);
                if (customer == null) {
                    continue;
                }
                String invoice = line[0];
                customerOf.put(invoice, customer);
                amount.merge(invoice, new BigDecimal(line[5]).multiply(new BigDecimal(line[3])), BigDecimal::add);
                LocalDateTime at = LocalDateTime.parse(line[4], CSV_TIME);
                time.merge(invoice, at, (a, b) -> a.isBefore(b) ? a : b);
            }
            Expected e = new Expected();
            Map<String, List<Instant>> orderTimes = new HashMap<>();
            for (Map.Entry<String, String> invoice : customerOf.entrySet()) {
                String no = invoice.getKey();
                BigDecimal total = amount.get(no).setScale(2, RoundingMode.HALF_UP);
                Instant at = time.get(no).atZone(SHOP_ZONE).toInstant();
                if (no.startsWith("C")) {
                    e.refunds++;
                    e.refunded = e.refunded.add(total.abs());
                    continue;
                }
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                e.orders++;
                e.revenue = e.revenue.add(total);
                e.ordersByDay.merge(day, 1L, Long::sum);
                e.revenueByDay.merge(day, total, BigDecimal::add);
                e.months.computeIfAbsent(invoice.getValue(), c -> new TreeMap<>()).merge(YearMonth.from(day), total,
                        BigDecimal::add);
                orderTimes.computeIfAbsent(invoice.getValue(), c -> new ArrayList<>()).add(at);
            }
            e.buyers = orderTimes.size();
            e.repeatCustomers = orderTimes.values().stream().filter(t -> t.size() >= 2).count();
            List<Double> gaps = new ArrayList<>();
            for (List<Instant> times : orderTimes.values()) {
                times.sort(Comparator.naturalOrder());
                for (int i = 1; i < times.size(); i++) {
                    gaps.add(ChronoUnit.SECONDS.between(times.get(i - 1), times.get(i)) / 86400.0);
                }
            }
            gaps.sort(Comparator.naturalOrder());
            e.meanGap = gaps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            int n = gaps.size();
            e.medianGap = n % 2 == 1 ? gaps.get(n / 2) : (gaps.get(n / 2 - 1) + gaps.get(n / 2)) / 2;
            return e;
        }

        /** "cohort+monthsSince" -> "size customers revenue cumulativeRevenue", for every month up to 2011-12. */
        Map<String, String> cohortMatrix() {
            Map<YearMonth, List<String>> cohorts = new TreeMap<>();
            months.forEach((customer, byMonth) -> cohorts
                    .computeIfAbsent(((TreeMap<YearMonth, BigDecimal>) byMonth).firstKey(), m -> new ArrayList<>())
                    .add(customer));
            Map<String, String> matrix = new TreeMap<>();
            YearMonth last = YearMonth.of(2011, 12);
            cohorts.forEach((cohort, customers) -> {
                BigDecimal cumulative = BigDecimal.ZERO;
                for (YearMonth month = cohort; !month.isAfter(last); month = month.plusMonths(1)) {
                    long active = 0;
                    BigDecimal revenue = BigDecimal.ZERO;
                    for (String customer : customers) {
                        BigDecimal spent = months.get(customer).get(month);
                        if (spent != null) {
                            active++;
                            revenue = revenue.add(spent);
                        }
                    }
                    cumulative = cumulative.add(revenue);
                    matrix.put(cohort + "+" + ChronoUnit.MONTHS.between(cohort, month), customers.size() + " "
                            + active + " " + plain(revenue) + " " + plain(cumulative));
                }
            });
            return matrix;
        }
    }

    private static String plain(Object number) {
        return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }

    private static Map<LocalDate, BigDecimal> strip(Map<LocalDate, BigDecimal> values) {
        Map<LocalDate, BigDecimal> stripped = new TreeMap<>();
        values.forEach((k, v) -> stripped.put(k, v.stripTrailingZeros()));
        return stripped;
    }

    private static BigDecimal decimal(JsonPath json, String path) {
        return new BigDecimal(json.get(path).toString());
    }

}
