package org.lifecycle.analytics.crosssell;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.CrossSellInfrastructure;
import org.lifecycle.analytics.support.Records;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.commerce.CommerceEvents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/**
 * Association rules from orders produced onto the events topic, against support, confidence and lift counted here from
 * the same baskets.
 */
@QuarkusTest
@QuarkusTestResource(value = CrossSellInfrastructure.class, restrictToAnnotatedClass = true)
class CrossSellTest {

    private static final Duration APPLIED = Duration.ofSeconds(60);

    /** Baskets by customer, in order; products A..F, one oversized order that must not count. */
    private static final List<String[]> ORDERS = List.of(
            new String[]{"ann", "A", "B", "C"},
            new String[]{"ann", "A", "B"},
            new String[]{"bob", "A", "C"},
            new String[]{"bob", "B", "C", "D"},
            new String[]{"cid", "A", "B", "D"},
            new String[]{"cid", "E"},
            new String[]{"dee", "B", "C"},
            new String[]{"dee", "A", "B", "C", "E"},
            new String[]{"eve", "D", "E"},
            new String[]{"fay", "A", "A", "B"},
            new String[]{"gus", "A", "B", "C", "D", "E", "F", "G"});

    private static final List<Set<String>> COUNTED = new ArrayList<>();
    private static boolean produced;

    @BeforeAll
    static void produceOrders() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
        if (produced) {
            return;
        }
        List<CustomerEvent> events = new ArrayList<>();
        Instant at = Instant.parse("2030-05-01T10:00:00Z");
        int n = 0;
        for (String[] order : ORDERS) {
            String orderId = "o" + n++;
            events.add(order(order[0], orderId, List.of(order).subList(1, order.length), at.plusSeconds(n * 60L)));
            Set<String> basket = new LinkedHashSet<>(List.of(order).subList(1, order.length));
            if (basket.size() <= CrossSellInfrastructure.MAX_BASKET) {
                COUNTED.add(basket);
            }
        }
        // the first order again under another message id: the order id dedupes it
        events.add(order("ann", "o0", List.of("A", "B", "C"), at.plusSeconds(60)));
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);
        produced = true;
    }

    @Test
    void productRulesHaveTheSupportConfidenceAndLiftOfTheBaskets() {
        for (String product : List.of("A", "B", "D", "E")) {
            JsonPath body = given().get("/api/analytics/recommendations/products/{id}?limit=100", product)
                    .then().statusCode(200).extract().jsonPath();

            List<Expected> expected = expectedRules(product);
            assertThat(body.getLong("orders")).isEqualTo(count(Set.of(product)));
            assertThat(body.getLong("totalOrders")).isEqualTo(COUNTED.size());
            List<Map<String, Object>> rules = body.getList("recommendations");
            assertThat(rules).extracting(rule -> rule.get("productId"))
                    .as("rules of %s, best first", product)
                    .containsExactlyElementsOf(expected.stream().map(Expected::product).toList());
            for (int i = 0; i < rules.size(); i++) {
                Map<String, Object> rule = rules.get(i);
                Expected want = expected.get(i);
                assertThat(rule.get("because")).isEqualTo(product);
                assertThat(((Number) rule.get("orders")).longValue()).isEqualTo(want.both());
                assertThat((Double) rule.get("support")).isCloseTo(want.support(), within(1e-12));
                assertThat((Double) rule.get("confidence")).isCloseTo(want.confidence(), within(1e-12));
                assertThat((Double) rule.get("lift")).isCloseTo(want.lift(), within(1e-12));
            }
        }
    }

    @Test
    void thresholdsAndLimitCutTheRules() {
        List<Expected> expected = expectedRules("A").stream()
                .filter(rule -> rule.confidence() >= 0.5 && rule.support() >= 0.3).toList();

        JsonPath body = given().get("/api/analytics/recommendations/products/A?minConfidence=0.5&minSupport=0.3")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getList("recommendations.productId"))
                .containsExactlyElementsOf(expected.stream().map(Expected::product).toList());

        given().get("/api/analytics/recommendations/products/A?limit=1").then().statusCode(200)
                .body("recommendations.size()", equalTo(1))
                .body("recommendations[0].productId", equalTo(expectedRules("A").getFirst().product()));
    }

    @Test
    void customerGetsProductsNotBoughtRankedByTheStrongestRuleThenBestSellers() {
        // eve bought D and E only
        Map<String, Expected> strongest = new HashMap<>();
        for (String bought : List.of("D", "E")) {
            for (Expected rule : expectedRules(bought)) {
                if (!Set.of("D", "E").contains(rule.product())) {
                    strongest.merge(rule.product(), rule, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        List<String> ranked = strongest.values().stream().sorted(BEST_FIRST).map(Expected::product).toList();

        JsonPath body = given().get("/api/analytics/recommendations/customers/eve?limit=10").then().statusCode(200)
                .extract().jsonPath();
        assertThat(body.getList("purchased")).containsExactly("D", "E");
        assertThat(body.getList("recommendations.productId")).containsExactlyElementsOf(ranked);
        assertThat(body.getList("recommendations.source")).containsOnly("rule");
    }

    @Test
    void customerWithoutOrdersGetsTheBestSellers() {
        List<String> bestSellers = List.of("A", "B", "C", "D", "E").stream()
                .sorted(Comparator.comparingLong((String p) -> count(Set.of(p))).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();

        given().get("/api/analytics/recommendations/customers/nobody?limit=3").then().statusCode(200)
                .body("purchased.size()", equalTo(0))
                .body("recommendations.productId", equalTo(bestSellers))
                .body("recommendations.source", equalTo(List.of("best_seller", "best_seller", "best_seller")));
    }

    @Test
    void coPurchasesListProductIdsBestFirstAsCampaignOffersReadThem() {
        JsonPath body = given().get("/api/analytics/recommendations/co-purchases?productId=A&productId=E&limit=2")
                .then().statusCode(200).extract().jsonPath();

        assertThat(body.getList("alsoBought.A")).containsExactlyElementsOf(
                expectedRules("A").stream().limit(2).map(Expected::product).toList());
        assertThat(body.getList("alsoBought.E")).containsExactlyElementsOf(
                expectedRules("E").stream().limit(2).map(Expected::product).toList());
        assertThat(body.getList("bestSellers")).hasSize(2);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        for (String[] bad : new String[][]{{"products/A?limit=0", "limit"}, {"products/A?limit=x", "limit"},
                {"products/A?minConfidence=1.5", "minConfidence"}, {"products/A?minSupport=-1", "minSupport"},
                {"customers/ann?limit=101", "limit"}, {"co-purchases", "productId"}}) {
            given().get("/api/analytics/recommendations/" + bad[0]).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo(bad[1]));
        }
    }

    private record Expected(String product, long both, double support, double confidence, double lift) {
    }

    private static final Comparator<Expected> BEST_FIRST = Comparator.comparingDouble(Expected::confidence)
            .reversed().thenComparing(Comparator.comparingDouble(Expected::lift).reversed())
            .thenComparing(Expected::product);

    /** The rules X → Y counted from the baskets, best first. */
    private static List<Expected> expectedRules(String x) {
        double total = COUNTED.size();
        long withX = count(Set.of(x));
        List<Expected> rules = new ArrayList<>();
        for (String y : List.of("A", "B", "C", "D", "E", "F", "G")) {
            if (y.equals(x)) {
                continue;
            }
            long both = count(Set.of(x, y));
            if (both == 0) {
                continue;
            }
            double confidence = both / (double) withX;
            rules.add(new Expected(y, both, both / total, confidence, confidence / (count(Set.of(y)) / total)));
        }
        rules.sort(BEST_FIRST);
        return rules;
    }

    private static long count(Set<String> products) {
        return COUNTED.stream().filter(basket -> basket.containsAll(products)).count();
    }

    private static CustomerEvent order(String customer, String orderId, List<String> products, Instant at) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("order_id", orderId);
        ArrayNode lines = properties.putArray("products");
        BigDecimal total = BigDecimal.ZERO;
        for (String product : products) {
            lines.addObject().put("product_id", product).put("price", new BigDecimal("9.50")).put("quantity", 1);
            total = total.add(new BigDecimal("9.50"));
        }
        properties.put("revenue", total);
        return Records.track(customer, CommerceEvents.ORDER_COMPLETED, properties, at, Records.unique("order"));
    }
}
