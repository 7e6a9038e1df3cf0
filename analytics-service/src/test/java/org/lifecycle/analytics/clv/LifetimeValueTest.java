package org.lifecycle.analytics.clv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LifetimeValueTest {

    private static final BgNbdModel PURCHASES = new BgNbdModel(0.2426, 4.4137, 0.7930, 2.4262);
    private static final GammaGammaModel SPEND = new GammaGammaModel(6.25, 3.74, 15.44);
    private static final CustomerSummary CUSTOMER = new CustomerSummary("1", 2, 30.43, 38.86, 22.35);

    @Test
    void eachPeriodsPurchasesAreDiscountedToToday() {
        LifetimeValue clv = new LifetimeValue(13, 3, 0.05);
        double y13 = PURCHASES.expectedPurchases(13, CUSTOMER);
        double y26 = PURCHASES.expectedPurchases(26, CUSTOMER);
        double y39 = PURCHASES.expectedPurchases(39, CUSTOMER);
        double purchases = y13 / 1.05 + (y26 - y13) / (1.05 * 1.05) + (y39 - y26) / (1.05 * 1.05 * 1.05);

        assertThat(clv.of(PURCHASES, SPEND, CUSTOMER)).isCloseTo(24.6637139108 * purchases, within(1e-9));
    }

    @Test
    void withoutDiscountingItIsExpectedPurchasesTimesExpectedValue() {
        LifetimeValue clv = new LifetimeValue(3, 13, 0);

        // 1.22589548571 purchases in 39 weeks, 24.6637139108 each
        assertThat(clv.of(PURCHASES, SPEND, CUSTOMER)).isCloseTo(1.22589548571 * 24.6637139108, within(1e-8));
    }

    @Test
    void aHigherDiscountRateLowersTheValue() {
        double low = LifetimeValue.monthly(12, 0.05, 7).of(PURCHASES, SPEND, CUSTOMER);
        double high = LifetimeValue.monthly(12, 0.20, 7).of(PURCHASES, SPEND, CUSTOMER);
        double none = LifetimeValue.monthly(12, 0, 7).of(PURCHASES, SPEND, CUSTOMER);

        assertThat(high).isLessThan(low).isPositive();
        assertThat(low).isLessThan(none);
    }

    @Test
    void monthlyPeriodsUseTheEquivalentMonthlyRate() {
        LifetimeValue monthly = LifetimeValue.monthly(24, 0.10, 7);

        assertThat(monthly.periodLength()).isCloseTo(365.25 / 12 / 7, within(1e-12));
        assertThat(Math.pow(1 + monthly.discountRatePerPeriod(), 12)).isCloseTo(1.10, within(1e-12));
        assertThat(monthly.periods()).isEqualTo(24);
    }

    @Test
    void rejectsAMeaninglessHorizonOrRate() {
        assertThatThrownBy(() -> new LifetimeValue(0, 12, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LifetimeValue(4, 0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LifetimeValue(4, 12, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
