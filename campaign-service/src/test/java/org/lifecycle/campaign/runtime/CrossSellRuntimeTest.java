package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.contracts.Topics;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Post-purchase recommendations come from analytics-service's co-purchases (over real HTTP, in its response shape),
 * cached; while analytics is unreachable, or has no data, they are the store's best sellers as this service counted
 * them from the orders it saw.
 */
@QuarkusTest
@TestProfile(CrossSellAnalytics.class)
@QuarkusTestResource(IsolatedInfrastructure.class)
class CrossSellRuntimeTest {

    @Inject
    TestClock clock;

    @Inject
    Db db;

    @AfterAll
    static void stopAnalytics() {
        CrossSellAnalytics.stop();
    }

    @Test
    void recommendationsComeFromAnalyticsAndFallBackToTheStoresBestSellers() throws Exception {
        order(Contacts.unique("s"), "B1", "B2");
        order(Contacts.unique("s"), "B1");
        order(Contacts.unique("s"), "B1", "B3");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> db.inTransaction(
                tx -> tx.query("select coalesce(sum(orders), 0) from product_sales").iterator().next()
                        .getLong(0)) == 5);
        String key = Journeys.activate("""
                {"key": "%KEY%", "name": "Thanks", "trigger": {"type": "event", "event": "Order Completed"},
                 "steps": [{"id": "thanks", "type": "send", "channel": "email", "template": "post_purchase_thanks",
                            "recommendations": 3}]}""");

        // analytics unreachable (nothing listens on its port): the store's best sellers, never what was just bought
        assertThat(recommendationsAfter(key, "B1", "P9")).containsExactly("B2", "B3");

        CrossSellAnalytics.body = """
                {"alsoBought": {"P1": ["X1", "X2"], "P7": []}, "bestSellers": ["Z1", "X1", "Z2"]}""";
        CrossSellAnalytics.start();
        // still within the failure backoff: not asked, the fallback again
        assertThat(recommendationsAfter(key, "P1")).containsExactly("B1", "B2", "B3");
        assertThat(CrossSellAnalytics.QUERIES).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(recommendationsAfter(key, "P1")).containsExactly("X1", "X2", "Z1");
        assertThat(CrossSellAnalytics.QUERIES).containsExactly("productId=P1&limit=12");
        // cached: not asked again within the refresh interval
        assertThat(recommendationsAfter(key, "P1")).containsExactly("X1", "X2", "Z1");
        assertThat(CrossSellAnalytics.QUERIES).hasSize(1);

        // analytics has nothing yet: no co-purchases, no best sellers, so the store's best sellers fill the message,
        // counted again after the refresh interval: B1 4 orders, P1 3 (the orders above), then B2, B3, P9 1 each
        clock.advance(Duration.ofHours(2));
        CrossSellAnalytics.body = "{\"alsoBought\": {}, \"bestSellers\": []}";
        assertThat(recommendationsAfter(key, "P5")).containsExactly("B1", "P1", "B2");
        assertThat(CrossSellAnalytics.QUERIES).hasSize(2).last().isEqualTo("productId=P5&limit=12");
    }

    /** A new customer buys {@code products}; the recommendations of the message the journey queued for them. */
    @SuppressWarnings("unchecked")
    private List<String> recommendationsAfter(String journeyKey, String... products) {
        String customer = Contacts.unique("c");
        order(customer, products);
        Journeys.awaitMessages(customer, list -> !list.isEmpty());
        Map<String, Object> message = Journeys.messages(customer).getFirst();
        assertThat(message).containsEntry("journeyKey", journeyKey);
        return (List<String>) message.get("recommendations");
    }

    private void order(String customer, String... products) {
        ObjectNode properties = Records.object().put("order_id", Contacts.unique("o")).put("revenue", 10);
        var array = properties.putArray("products");
        for (String product : products) {
            array.addObject().put("product_id", product).put("price", 5).put("quantity", 1);
        }
        Records.publish(Topics.EVENTS, Records.track(customer, "Order Completed", clock.instant(), properties));
    }
}
