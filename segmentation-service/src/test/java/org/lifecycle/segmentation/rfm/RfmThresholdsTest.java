package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RfmThresholdsTest {

    @Test
    void aStoreWithAHundredReturningCustomersGetsEdgesAtOneTwoAndFourRepeatIntervals() {
        StoreStats stats = new StoreStats(100, 30.4, new BigDecimal("80"));

        RfmThresholds thresholds = RfmThresholds.derive(stats);

        assertThat(thresholds.derived()).isTrue();
        assertThat(new int[]{thresholds.band1Days(), thresholds.band2Days(), thresholds.band3Days()})
                .containsExactly(30, 60, 120);
        assertThat(thresholds.storeAverageOrderValue()).isEqualByComparingTo("80");
        assertThat(thresholds.stats()).isEqualTo(stats);
    }

    @Test
    void aSmallerStoreGetsTheFallbackBandsButKeepsItsAverageOrderValue() {
        RfmThresholds thresholds = RfmThresholds.derive(new StoreStats(99, 30.4, new BigDecimal("80")));

        assertThat(thresholds.derived()).isFalse();
        assertThat(new int[]{thresholds.band1Days(), thresholds.band2Days(), thresholds.band3Days()})
                .containsExactly(40, 90, 180);
        assertThat(thresholds.storeAverageOrderValue()).isEqualByComparingTo("80");
    }

    @Test
    void aSmallMoveOfTheStoreAverageWithinTheTolerancePlacesCustomersAlike() {
        RfmThresholds current = RfmThresholds.derive(new StoreStats(500, 30.4, new BigDecimal("80.00")));
        RfmThresholds slightlyHigher = RfmThresholds.derive(new StoreStats(501, 30.3, new BigDecimal("80.79")));
        RfmThresholds higher = RfmThresholds.derive(new StoreStats(501, 30.3, new BigDecimal("80.81")));

        assertThat(slightlyHigher.placesAlike(current, 0.01)).isTrue();
        assertThat(higher.placesAlike(current, 0.01)).as("0.81 is over 1% of 80").isFalse();
        assertThat(slightlyHigher.placesAlike(current, 0)).as("no tolerance: any move counts").isFalse();
        assertThat(current.placesAlike(current, 0)).isTrue();
    }

    @Test
    void newRecencyEdgesOrAFirstStoreAverageNeverPlaceCustomersAlike() {
        RfmThresholds current = RfmThresholds.derive(new StoreStats(500, 30.4, new BigDecimal("80.00")));
        RfmThresholds newEdges = RfmThresholds.derive(new StoreStats(500, 31.6, new BigDecimal("80.00")));
        RfmThresholds smallStore = RfmThresholds.derive(new StoreStats(99, 30.4, new BigDecimal("80.00")));

        assertThat(newEdges.placesAlike(current, 0.5)).isFalse();
        assertThat(smallStore.placesAlike(current, 0.5)).as("fallback edges instead of derived ones").isFalse();
        assertThat(smallStore.placesAlike(RfmThresholds.fallback(), 0.5)).as("a store average where none was")
                .isFalse();
    }

    @Test
    void thePlainFallbackHasNoStoreAverage() {
        RfmThresholds thresholds = RfmThresholds.fallback();

        assertThat(thresholds.derived()).isFalse();
        assertThat(thresholds.storeAverageOrderValue()).isNull();
        assertThat(thresholds.band(39)).isEqualTo(1);
        assertThat(thresholds.band(40)).isEqualTo(2);
        assertThat(thresholds.band(180)).isEqualTo(4);
    }

    @Test
    void aRepeatIntervalUnderADayStillGivesDistinctEdges() {
        RfmThresholds thresholds = RfmThresholds.derive(new StoreStats(5000, 0.2, new BigDecimal("10")));

        assertThat(new int[]{thresholds.band1Days(), thresholds.band2Days(), thresholds.band3Days()})
                .containsExactly(1, 2, 4);
    }

    @Test
    void edgesThatDoNotIncreaseAreRefused() {
        assertThatThrownBy(() -> new RfmThresholds(40, 40, 180, null, false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RfmThresholds(0, 40, 180, null, false, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
