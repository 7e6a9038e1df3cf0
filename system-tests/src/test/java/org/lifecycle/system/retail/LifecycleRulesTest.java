package org.lifecycle.system.retail;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.lifecycle.system.retail.LifecycleRules.Thresholds;
import org.lifecycle.system.retail.RetailHistory.Order;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference rules of the Online Retail system test agree with the examples and boundaries of STAGES.md. */
class LifecycleRulesTest {

    private static final Instant MARCH_1 = Instant.parse("2011-03-01T14:05:00Z");
    private static final Thresholds FALLBACK = new Thresholds(40, 90, 180, new BigDecimal("100.0000"), false, 0,
            Double.NaN);

    @Test
    void aCustomerTurnsAtRiskAtTheVeryInstantNinetyDaysAfterTheLastOrderAndLapsesAfter365() {
        List<Order> orders = List.of(order(MARCH_1, "10"));
        Instant may30 = Instant.parse("2011-05-30T14:05:00Z");

        assertThat(LifecycleRules.stage(orders, may30.minusMillis(1))).isEqualTo("new_customer");
        assertThat(LifecycleRules.stage(orders, may30)).isEqualTo("at_risk");
        assertThat(LifecycleRules.stage(orders, MARCH_1.plus(Duration.ofDays(365)))).isEqualTo("lapsed");
        assertThat(LifecycleRules.stage(List.of(), may30)).isEqualTo("prospect");
    }

    @Test
    void fourOrdersInTheLast365DaysMakeLoyalAndAnOrderExactly365DaysOldNoLongerCounts() {
        Instant now = MARCH_1.plus(Duration.ofDays(365));
        List<Order> orders = List.of(order(MARCH_1, "10"), order(now.minus(Duration.ofDays(30)), "10"),
                order(now.minus(Duration.ofDays(20)), "10"), order(now.minus(Duration.ofDays(10)), "10"));

        assertThat(LifecycleRules.stage(orders, now)).isEqualTo("active");
        assertThat(LifecycleRules.stage(orders, now.minusMillis(1))).isEqualTo("loyal");
    }

    @Test
    void aReturningCustomerWithOneRecentOrderIsActive() {
        Instant now = MARCH_1.plus(Duration.ofDays(500));
        List<Order> orders = List.of(order(MARCH_1, "10"), order(now.minus(Duration.ofDays(5)), "10"));

        assertThat(LifecycleRules.stage(orders, now)).isEqualTo("active");
    }

    @Test
    void recencyCountsWholeDaysAndMovesBandExactlyAtTheEdge() {
        List<Order> high = List.of(order(MARCH_1, "100"));
        List<Order> low = List.of(order(MARCH_1, "99.99"));

        assertThat(LifecycleRules.rfmGroup(high, FALLBACK, MARCH_1.plus(Duration.ofHours(23))))
                .isEqualTo("high_potential");
        assertThat(LifecycleRules.rfmGroup(low, FALLBACK, MARCH_1.plus(Duration.ofDays(40)).minusMillis(1)))
                .isEqualTo("recent_customers");
        assertThat(LifecycleRules.rfmGroup(low, FALLBACK, MARCH_1.plus(Duration.ofDays(40))))
                .isEqualTo("needs_nurturing");
        assertThat(LifecycleRules.rfmGroup(low, FALLBACK, MARCH_1.plus(Duration.ofDays(90))))
                .isEqualTo("about_to_lose");
        assertThat(LifecycleRules.rfmGroup(List.of(), FALLBACK, MARCH_1)).isNull();
    }

    @Test
    void theGridReadsFrequencyAndValueAsStagesMdSays() {
        Instant now = MARCH_1.plus(Duration.ofDays(1));
        List<Order> threeHigh = List.of(order(MARCH_1.minus(Duration.ofDays(2)), "100"),
                order(MARCH_1.minus(Duration.ofDays(1)), "100"), order(MARCH_1, "100"));
        List<Order> twoLow = List.of(order(MARCH_1.minus(Duration.ofDays(1)), "50"), order(MARCH_1, "50"));

        assertThat(LifecycleRules.rfmGroup(threeHigh, FALLBACK, now)).isEqualTo("champions");
        assertThat(LifecycleRules.rfmGroup(twoLow, FALLBACK, now)).isEqualTo("loyalists");
        assertThat(LifecycleRules.rfmGroup(twoLow, FALLBACK, now.plus(Duration.ofDays(45))))
                .isEqualTo("needs_nurturing");
        assertThat(LifecycleRules.rfmGroup(threeHigh, FALLBACK, now.plus(Duration.ofDays(100))))
                .isEqualTo("cant_lose");
        assertThat(LifecycleRules.rfmGroup(twoLow, FALLBACK, now.plus(Duration.ofDays(200)))).isEqualTo("at_risk");
    }

    @Test
    void edgesComeFromThePooledMedianGapOnceAHundredCustomersReturned() {
        List<List<Order>> store = new ArrayList<>();
        IntStream.range(0, 99).forEach(i -> store.add(List.of(order(MARCH_1, "10"),
                order(MARCH_1.plus(Duration.ofHours(20 * 24 + 14)), "30"))));
        store.add(List.of(order(MARCH_1, "-5")));

        Thresholds few = LifecycleRules.derive(store);
        assertThat(List.of(few.band1Days(), few.band2Days(), few.band3Days())).containsExactly(40, 90, 180);
        assertThat(few.derived()).isFalse();
        assertThat(few.storeAverage()).isEqualByComparingTo("19.8995");

        store.add(List.of(order(MARCH_1, "10"), order(MARCH_1.plus(Duration.ofDays(1)), "10"),
                order(MARCH_1.plus(Duration.ofDays(30)), "10")));
        Thresholds derived = LifecycleRules.derive(store);
        assertThat(derived.derived()).isTrue();
        assertThat(derived.returningCustomers()).isEqualTo(100);
        assertThat(List.of(derived.band1Days(), derived.band2Days(), derived.band3Days())).containsExactly(21, 42,
                84);
    }

    private static Order order(Instant at, String value) {
        return new Order("o-" + at.toEpochMilli() + "-" + value, at, new BigDecimal(value));
    }
}
