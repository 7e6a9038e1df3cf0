package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.rfm.repository.RfmThresholdsRepository;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The store's own RFM thresholds, derived in SQL from the orders customers placed, in an application of its own: the
 * statistics read every profile there is.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(RfmDerivationTest.OwnApplication.class)
class RfmDerivationTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    RfmThresholdsRepository repository;

    /** What was sent, as {@link StoreStats#of} takes it: counted orders only. */
    private final List<List<Instant>> orderTimes = new ArrayList<>();
    private BigDecimal revenue = BigDecimal.ZERO;
    private long orders;
    private final Random random = new Random(20260101);

    @Test
    void thresholdsAreDerivedFromTheStoresOrdersOnceItHasAHundredReturningCustomers() {
        Instant start = clock.instant().minus(Duration.ofDays(300));
        // a gap just short of a day counts as 86399 seconds, as Duration.toSeconds() has it
        returningCustomer(List.of(start, start.plus(Duration.ofDays(1)).minusNanos(1)));
        for (int i = 1; i < 99; i++) {
            returningCustomer(randomOrders(start, 2 + random.nextInt(3)));
        }
        for (int i = 0; i < 20; i++) {
            returningCustomer(randomOrders(start, 1));
        }
        refundedSecondOrder(start);

        JsonNode fallback = awaitStats(99);
        assertThat(fallback.path("derived").booleanValue()).isFalse();
        assertThat(fallback.path("band1Days").intValue()).isEqualTo(40);
        assertThat(fallback.path("band3Days").intValue()).isEqualTo(180);
        assertMatchesTheSpecification(fallback);

        returningCustomer(randomOrders(start, 3));
        JsonNode derived = awaitStats(100);
        assertThat(derived.path("derived").booleanValue()).isTrue();
        StoreStats expected = assertMatchesTheSpecification(derived);
        int interval = (int) Math.round(expected.medianRepeatIntervalDays());
        assertThat(derived.path("band1Days").intValue()).isEqualTo(interval);
        assertThat(derived.path("band2Days").intValue()).isEqualTo(2 * interval);
        assertThat(derived.path("band3Days").intValue()).isEqualTo(4 * interval);
        assertThat(derived.path("derivedAt").isTextual()).isTrue();
        assertThat(repository.stats(pool).await().indefinitely()).isEqualTo(expected);

        // the change of thresholds decides every profile again
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonPath jobs = given().when().get("/api/jobs").then().statusCode(200).extract().jsonPath();
            String newest = jobs.getString("find { it.subject == 'rfm-thresholds' }.id");
            return newest != null && "succeeded".equals(JobProgress.follow(newest).last().getString("status"));
        });
        given().when().get("/api/segments/rfm.champions").then().statusCode(200)
                .body("ruleText", containsString("derived from the store's orders"));
    }

    /** The thresholds the service shows equal those derived by the Java specification from the orders sent. */
    private StoreStats assertMatchesTheSpecification(JsonNode shown) {
        StoreStats expected = StoreStats.of(orderTimes, revenue, orders);
        RfmThresholds thresholds = RfmThresholds.derive(expected);
        JsonNode stats = shown.path("stats");
        assertThat(stats.path("returningCustomers").longValue()).isEqualTo(expected.returningCustomers());
        assertThat(stats.path("medianRepeatIntervalDays").doubleValue()).isEqualTo(expected.medianRepeatIntervalDays());
        assertThat(stats.path("averageOrderValue").decimalValue()).isEqualByComparingTo(expected.averageOrderValue());
        assertThat(shown.path("storeAverageOrderValue").decimalValue())
                .isEqualByComparingTo(thresholds.storeAverageOrderValue());
        assertThat(shown.path("band1Days").intValue()).isEqualTo(thresholds.band1Days());
        return expected;
    }

    /** The thresholds once they were derived from exactly the orders sent so far. */
    private JsonNode awaitStats(long returningCustomers) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode shown = LifecycleJson.mapper().readTree(
                    given().when().get("/api/rfm/thresholds").then().statusCode(200).extract().asString());
            found.clear();
            found.add(shown);
            return shown.path("stats").path("returningCustomers").asLong(-1) == returningCustomers
                    && shown.path("stats").path("averageOrderValue").decimalValue()
                            .compareTo(StoreStats.of(orderTimes, revenue, orders).averageOrderValue()) == 0;
        });
        return found.getFirst();
    }

    /** Orders between {@code start} and a day ago, some with fractions of a second down to the nanosecond. */
    private List<Instant> randomOrders(Instant start, int count) {
        List<Instant> times = new ArrayList<>();
        Instant at = start.plusSeconds(random.nextInt(30 * 86400));
        for (int i = 0; i < count; i++) {
            times.add(at);
            at = at.plusSeconds(86400L + random.nextInt(60 * 86400)).plusMillis(random.nextInt(1000))
                    .plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0);
        }
        return times;
    }

    /** A customer who placed these orders, each of a random value. */
    private void returningCustomer(List<Instant> times) {
        String user = Events.newCustomer();
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            BigDecimal value = BigDecimal.valueOf(500 + random.nextInt(20000), 2);
            events.add(Events.order(user, "o" + i + "-" + user, times.get(i), value.toPlainString()));
            revenue = revenue.add(value);
            orders++;
        }
        orderTimes.add(times);
        TestKafka.send(events.toArray(CustomerEvent[]::new));
    }

    /** A customer whose second order was refunded in full: one counted order, so not a returning customer. */
    private void refundedSecondOrder(Instant start) {
        String user = Events.newCustomer();
        Instant first = start.plus(Duration.ofDays(10));
        TestKafka.send(Events.order(user, "a-" + user, first, "40.00"),
                Events.order(user, "b-" + user, first.plus(Duration.ofDays(3)), "900.00"),
                Events.track(user, null, "Order Refunded", first.plus(Duration.ofDays(4)),
                        LifecycleJson.mapper().createObjectNode().put("order_id", "b-" + user)));
        orderTimes.add(List.of(first));
        revenue = revenue.add(new BigDecimal("40.00"));
        orders++;
        TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key()));
    }
}
