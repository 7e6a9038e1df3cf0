package org.lifecycle.analytics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Checked against published values: normal tables and the worked examples of Newcombe (1998), Table II. */
class TwoProportionTestTest {

    @Test
    void normalCdfMatchesTableValues() {
        assertThat(NormalDistribution.cdf(0)).isEqualTo(0.5);
        assertThat(NormalDistribution.cdf(1)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(NormalDistribution.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-15));
        assertThat(NormalDistribution.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
        assertThat(NormalDistribution.cdf(-3)).isCloseTo(0.0013498980316300946, within(1e-17));
    }

    @Test
    void complementaryErrorFunctionKeepsItsDigitsInTheTail() {
        assertThat(NormalDistribution.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-15));
        assertThat(NormalDistribution.erfc(2)).isCloseTo(0.004677734981047266, within(1e-17));
        assertThat(NormalDistribution.erfc(3)).isCloseTo(2.209049699858544e-05, within(1e-18));
        // Relative accuracy far in the tail, where 1 - erf(x) would be 0.
        assertThat(NormalDistribution.erfc(6) / 2.1519736712498913e-17).isCloseTo(1.0, within(1e-12));
        assertThat(NormalDistribution.survival(8) / 6.22096057427178e-16).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void quantileInvertsTheCdf() {
        assertThat(NormalDistribution.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-12));
        assertThat(NormalDistribution.quantile(0.995)).isCloseTo(2.5758293035489004, within(1e-12));
        assertThat(NormalDistribution.quantile(0.5)).isCloseTo(0.0, within(1e-14));
    }

    @Test
    void twoSidedPValueOfTheFamiliarCriticalValueIsFivePercent() {
        assertThat(NormalDistribution.twoSidedPValue(1.959963984540054)).isCloseTo(0.05, within(1e-14));
        assertThat(NormalDistribution.twoSidedPValue(-2.5758293035489004)).isCloseTo(0.01, within(1e-14));
    }

    @Test
    void newcombeExampleFiftySixOfSeventyAgainstFortyEightOfEighty() {
        ProportionComparison c = TwoProportionTest.compare(56, 70, 48, 80, 0.95);
        assertThat(c.difference()).isCloseTo(0.2, within(1e-12));
        // Newcombe (1998) Table II, method 1 (Wald) and method 10 (hybrid score), to 4 decimals.
        assertThat(c.waldLower()).isCloseTo(0.0575, within(5e-5));
        assertThat(c.waldUpper()).isCloseTo(0.3425, within(5e-5));
        assertThat(c.newcombeLower()).isCloseTo(0.0524, within(5e-5));
        assertThat(c.newcombeUpper()).isCloseTo(0.3339, within(5e-5));
        // Pooled z: p = 104/150, se = sqrt(p(1-p)(1/70 + 1/80)).
        double pooled = 104.0 / 150;
        double z = 0.2 / Math.sqrt(pooled * (1 - pooled) * (1.0 / 70 + 1.0 / 80));
        assertThat(c.z()).isCloseTo(z, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.008045, within(2e-6));
        assertThat(c.significant()).isTrue();
    }

    @Test
    void newcombeExampleNineOfTenAgainstThreeOfTen() {
        ProportionComparison c = TwoProportionTest.compare(9, 10, 3, 10, 0.95);
        assertThat(c.waldLower()).isCloseTo(0.2605, within(5e-5));
        assertThat(c.waldUpper()).isCloseTo(0.9395, within(5e-5));
        assertThat(c.newcombeLower()).isCloseTo(0.1705, within(5e-5));
        assertThat(c.newcombeUpper()).isCloseTo(0.8090, within(5e-5));
    }

    @Test
    void equalRatesAreNotSignificant() {
        ProportionComparison c = TwoProportionTest.compare(30, 100, 30, 100, 0.95);
        assertThat(c.z()).isZero();
        assertThat(c.pValue()).isCloseTo(1.0, within(1e-15));
        assertThat(c.significant()).isFalse();
        assertThat(c.newcombeLower()).isNegative();
        assertThat(c.newcombeUpper()).isPositive();
    }

    @Test
    void groupsWithoutAnyVarianceGiveNoEvidence() {
        ProportionComparison c = TwoProportionTest.compare(0, 50, 0, 40, 0.95);
        assertThat(c.z()).isZero();
        assertThat(c.pValue()).isEqualTo(1.0);
    }

    @Test
    void impossibleCountsAreRejected() {
        assertThatThrownBy(() -> TwoProportionTest.compare(5, 4, 1, 10, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 1");
        assertThatThrownBy(() -> TwoProportionTest.compare(1, 10, 1, 0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 2");
    }
}
