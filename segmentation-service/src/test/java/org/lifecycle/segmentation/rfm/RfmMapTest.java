package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lifecycle.segmentation.profile.TestFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.lifecycle.segmentation.profile.TestFacts.customer;

class RfmMapTest {

    private static final Instant T = Instant.parse("2025-03-01T09:30:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** A young store: fallback bands, judged against its average order of 100. */
    private static final RfmThresholds YOUNG_STORE = RfmThresholds
            .derive(new StoreStats(12, 20, new BigDecimal("100")));

    @ParameterizedTest(name = "{0} days ago, {1} orders, {2} value: {3}")
    @CsvSource({
            "10, 3, high, champions",
            "10, 3, low, loyalists",
            "10, 2, high, loyalists",
            "10, 2, low, loyalists",
            "10, 1, high, high_potential",
            "10, 1, low, recent_customers",
            "60, 3, high, loyalists",
            "60, 3, low, loyalists",
            "60, 2, high, loyalists",
            "60, 2, low, needs_nurturing",
            "60, 1, high, high_potential",
            "60, 1, low, needs_nurturing",
            "120, 3, high, cant_lose",
            "120, 3, low, at_risk",
            "120, 2, high, at_risk",
            "120, 2, low, at_risk",
            "120, 1, high, about_to_lose",
            "120, 1, low, about_to_lose",
            "200, 2, high, cant_lose",
            "200, 2, low, at_risk",
            "200, 1, high, about_to_lose",
            "400, 0, low, about_to_lose"})
    void theGridPlacesEachCombinationInItsGroup(int recencyDays, int frequency, String value, String group) {
        String amount = value.equals("high") ? "150" : "50";
        TestFacts facts = customer();
        // The last order recencyDays ago, the others a day apart before it: all in the year unless frequency is 0.
        for (int i = 0; i < Math.max(frequency, 1); i++) {
            facts.order(T.minus(Duration.ofDays(recencyDays + i)), amount);
        }

        RfmScore score = RfmMap.classify(facts, YOUNG_STORE, T);

        assertThat(score.group().key()).isEqualTo(group);
        assertThat(score.frequency()).isEqualTo(frequency);
        assertThat(score.highValue()).isEqualTo(value.equals("high"));
    }

    @Test
    void recencyBandsChangeTheInstantAnEdgeIsReached() {
        TestFacts facts = customer().order(T);

        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(40)).minus(SECOND)).recencyBand())
                .isEqualTo(1);
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(40))).recencyBand()).isEqualTo(2);
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(90)).minus(SECOND)).recencyBand())
                .isEqualTo(2);
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(90))).recencyBand()).isEqualTo(3);
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(180)).minus(SECOND)).recencyBand())
                .isEqualTo(3);
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(180))).recencyBand()).isEqualTo(4);
    }

    @Test
    void theNextChangeIsTheNextRecencyEdgeThenTheOrderLeavingTheYear() {
        TestFacts facts = customer().order(T);

        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(1))).nextChange())
                .isEqualTo(T.plus(Duration.ofDays(40)));
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(100))).nextChange())
                .isEqualTo(T.plus(Duration.ofDays(180)));
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(200))).nextChange())
                .isEqualTo(T.plus(Duration.ofDays(365)));
        assertThat(RfmMap.classify(facts, YOUNG_STORE, T.plus(Duration.ofDays(400))).nextChange()).isNull();
    }

    @Test
    void anOrderLeavingTheYearIsTheNextChangeWhenItComesBeforeTheNextEdge() {
        TestFacts facts = customer().order(T.minus(Duration.ofDays(350))).order(T.minus(Duration.ofDays(5)));

        assertThat(RfmMap.classify(facts, YOUNG_STORE, T).nextChange()).isEqualTo(T.plus(Duration.ofDays(15)));
    }

    @Test
    void monetaryIsTheAverageOfEveryCountedOrderAgainstTheStores() {
        TestFacts facts = customer().order(T.minus(Duration.ofDays(500)), "300").order(T.minus(Duration.ofDays(10)),
                "100");

        RfmScore score = RfmMap.classify(facts, YOUNG_STORE, T);

        assertThat(score.monetary()).isEqualByComparingTo("200");
        assertThat(score.frequency()).isEqualTo(1);
        assertThat(score.highValue()).isTrue();
        assertThat(score.group()).isEqualTo(RfmGroup.HIGH_POTENTIAL);
    }

    @Test
    void theRuleAndFactsExplainTheCell() {
        TestFacts facts = customer().order(T.minus(Duration.ofDays(30)), "120").order(T.minus(Duration.ofDays(20)),
                "120").order(T.minus(Duration.ofDays(10)), "120");

        RfmScore score = RfmMap.classify(facts, YOUNG_STORE, T);

        assertThat(score.rule()).isEqualTo("champions: last order under 40 days ago, 3 or more orders in the last"
                + " 365 days, average order at or above the store's");
        assertThat(score.facts()).contains(entry("recency_days", 10L), entry("recency_band", 1),
                entry("orders_in_365_days", 3), entry("recency_edges_days", "40/90/180 (fallback)"));
        assertThat(score.group().displayName()).isEqualTo("Champions");
    }

    @Test
    void aCustomerWithNoOrderIsNotOnTheMap() {
        RfmScore score = RfmMap.classify(customer(), YOUNG_STORE, T);

        assertThat(score.group()).isNull();
        assertThat(score.recencyBand()).isNull();
        assertThat(score.nextChange()).isNull();
    }

    @Test
    void withoutAStoreAverageEveryCustomerCountsAsHighValue() {
        TestFacts facts = customer().order(T.minus(Duration.ofDays(3)), "1").order(T.minus(Duration.ofDays(2)), "1")
                .order(T.minus(Duration.ofDays(1)), "1");

        RfmScore score = RfmMap.classify(facts, RfmThresholds.fallback(), T);

        assertThat(score.highValue()).isTrue();
        assertThat(score.group()).isEqualTo(RfmGroup.CHAMPIONS);
        assertThat(score.rule()).endsWith("no store average order value to compare with yet");
    }

    @Test
    void derivedThresholdsPlaceAStoreWithAShortRhythmDifferently() {
        RfmThresholds weekly = RfmThresholds.derive(new StoreStats(400, 7, new BigDecimal("100")));
        TestFacts facts = customer().order(T.minus(Duration.ofDays(20)));

        assertThat(RfmMap.classify(facts, YOUNG_STORE, T).recencyBand()).isEqualTo(1);
        assertThat(RfmMap.classify(facts, weekly, T).recencyBand()).isEqualTo(3);
    }
}
