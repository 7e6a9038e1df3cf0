package org.lifecycle.analytics.clv;

import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fitting customers drawn from known processes recovers the processes' parameters. */
class SyntheticCustomersTest {

    private static final BgNbdModel TRUE_PURCHASES = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
    private static final GammaGammaModel TRUE_SPEND = new GammaGammaModel(6, 4, 15);

    @Test
    void theSameSeedGivesTheSameCustomers() {
        SyntheticCustomers generator = SyntheticCustomers.weekly(TRUE_PURCHASES, TRUE_SPEND);

        assertThat(generator.generate(1_000, 7)).isEqualTo(generator.generate(1_000, 7))
                .isNotEqualTo(generator.generate(1_000, 8));
    }

    @Test
    void fittingSyntheticCustomersRecoversTheTrueParameters() {
        // Customers acquired over a year and observed for two, so every parameter is well identified.
        List<CustomerSummary> customers = new SyntheticCustomers(TRUE_PURCHASES, TRUE_SPEND, 365, 729, 7)
                .generate(100_000, 42);

        BgNbdModel purchases = BgNbdModel.fit(customers).model();
        GammaGammaModel spend = GammaGammaModel.fit(customers).model();

        Percentage tolerance = Percentage.withPercentage(10);
        assertThat(purchases.r()).isCloseTo(TRUE_PURCHASES.r(), tolerance);
        assertThat(purchases.alpha()).isCloseTo(TRUE_PURCHASES.alpha(), tolerance);
        assertThat(purchases.a()).isCloseTo(TRUE_PURCHASES.a(), tolerance);
        assertThat(purchases.b()).isCloseTo(TRUE_PURCHASES.b(), tolerance);
        assertThat(spend.p()).isCloseTo(TRUE_SPEND.p(), tolerance);
        assertThat(spend.q()).isCloseTo(TRUE_SPEND.q(), tolerance);
        assertThat(spend.gamma()).isCloseTo(TRUE_SPEND.gamma(), tolerance);
    }

    @Test
    void fittingParetoNbdCustomersRecoversTheTrueParameters() {
        // Lifetimes need a longer watch than dropouts: customers acquired over a year and observed for three.
        ParetoNbdModel truth = new ParetoNbdModel(0.55, 10.5, 0.6, 12);
        List<CustomerSummary> customers = new SyntheticCustomers(truth, TRUE_SPEND, 365, 3 * 365 - 1, 7)
                .generate(200_000, 42);

        ParetoNbdModel fitted = ParetoNbdModel.fit(customers).model();

        Percentage tolerance = Percentage.withPercentage(10);
        assertThat(fitted.r()).isCloseTo(truth.r(), tolerance);
        assertThat(fitted.alpha()).isCloseTo(truth.alpha(), tolerance);
        assertThat(fitted.s()).isCloseTo(truth.s(), tolerance);
        assertThat(fitted.beta()).isCloseTo(truth.beta(), tolerance);
    }

    @Test
    void generatedSummariesAreConsistent() {
        List<CustomerSummary> customers = SyntheticCustomers.weekly(TRUE_PURCHASES, TRUE_SPEND).generate(5_000, 1);

        assertThat(customers).allSatisfy(c -> {
            assertThat(c.age()).isBetween(189 / 7.0, 272 / 7.0);
            assertThat(c.recency()).isLessThanOrEqualTo(c.age());
            assertThat(c.meanRepeatValue() > 0).isEqualTo(c.frequency() > 0);
        });
    }
}
