package org.lifecycle.analytics.prediction;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.clv.Transaction;
import org.lifecycle.analytics.support.Records;
import org.lifecycle.analytics.support.ScheduledFitInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Arriving orders start a fit on their own once enough have come and they stopped coming. */
@QuarkusTest
@QuarkusTestResource(value = ScheduledFitInfrastructure.class, restrictToAnnotatedClass = true)
class ScheduledFitTest {

    @Test
    void enoughNewOrdersStartAFitOnceTheyStopArriving() {
        List<Transaction> orders = PredictionsTest.generate(150, 7);
        assertThat(orders.size()).isGreaterThanOrEqualTo(ScheduledFitInfrastructure.MIN_NEW_ORDERS);
        List<CustomerEvent> events = new ArrayList<>();
        for (Transaction order : orders) {
            events.add(Records.order(order.customerId(), UUID.randomUUID().toString(),
                    BigDecimal.valueOf(order.value()).toPlainString(),
                    order.date().atTime(12, 0).toInstant(ZoneOffset.UTC)));
        }
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(Duration.ofSeconds(90), Topics.EVENTS);

        JsonPath[] model = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = given().get("/api/analytics/predictions/model");
            if (response.statusCode() != 200) {
                return false;
            }
            model[0] = response.jsonPath();
            return true;
        });
        // a fit starts only once the threshold is reached (a replay interrupted by a pause may be fitted in parts)
        assertThat(model[0].getLong("ordersSeen")).isBetween((long) ScheduledFitInfrastructure.MIN_NEW_ORDERS,
                (long) orders.size());
        assertThat(model[0].getString("trigger")).isEqualTo("new-orders");
        assertThat(model[0].getString("status")).isEqualTo("succeeded");
        assertThat(model[0].getLong("published")).isPositive();
    }
}
