package org.lifecycle.analytics.aggregate.service;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What an order cost the store, read from what senders send, for the margin figures. */
class OrderCostTest {

    @Test
    void theOrdersOwnCostWins() {
        assertThat(AggregateService.cost(json("""
                {"revenue": 50, "cost": "21.5", "products": [{"price": 50, "cost": 99}]}""")))
                .isEqualByComparingTo("21.5");
    }

    @Test
    void productCostsTimesQuantitiesAddUpWhenEveryProductHasOne() {
        assertThat(AggregateService.cost(json("""
                {"products": [{"price": 10, "cost": 4, "quantity": 3}, {"price": 5, "cost": "2.25"}]}""")))
                .isEqualByComparingTo("14.25");
    }

    @Test
    void anOrderWithoutCostHasNoMargin() {
        assertThat(AggregateService.cost(json("""
                {"products": [{"price": 10, "cost": 4, "quantity": 3}, {"price": 5}]}"""))).isNull();
        assertThat(AggregateService.cost(json("""
                {"revenue": 10}"""))).isNull();
        assertThat(AggregateService.cost(null)).isNull();
    }

    private static ObjectNode json(String text) {
        return LifecycleJson.decode(text, ObjectNode.class);
    }
}
