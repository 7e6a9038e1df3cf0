package org.lifecycle.analytics.clv.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reference values computed independently with 30-digit arithmetic (mpmath) or closed forms. */
class SpecialFunctionsTest {

    @Test
    void logGammaMatchesClosedFormsAndReferenceValues() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(2)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-13));
        assertThat(SpecialFunctions.logGamma(0.2426)).isCloseTo(1.3197854750907922, within(1e-14));
        assertThat(SpecialFunctions.logGamma(123.456)).isCloseTo(469.60554712992947, within(1e-11));
        assertThat(SpecialFunctions.logGamma(1e-8)).isCloseTo(18.420680738180209, within(1e-9));
    }

    @Test
    void digammaMatchesReferenceValuesAndTheDerivativeOfLogGamma() {
        assertThat(SpecialFunctions.digamma(1)).isCloseTo(-0.5772156649015329, within(1e-14));
        assertThat(SpecialFunctions.digamma(0.3)).isCloseTo(-3.502524222200133, within(1e-13));
        assertThat(SpecialFunctions.digamma(25.5)).isCloseTo(3.2189424728839198, within(1e-14));
        double h = 1e-5;
        for (double x : new double[]{0.7, 3.3, 41}) {
            double numeric = (SpecialFunctions.logGamma(x + h) - SpecialFunctions.logGamma(x - h)) / (2 * h);
            assertThat(SpecialFunctions.digamma(x)).isCloseTo(numeric, within(1e-8));
        }
    }

    @Test
    void logAddExpNeitherOverflowsNorUnderflows() {
        assertThat(SpecialFunctions.logAddExp(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(SpecialFunctions.logAddExp(-1000, -1001)).isCloseTo(-1000 + Math.log1p(Math.exp(-1)),
                within(1e-12));
        assertThat(SpecialFunctions.logAddExp(Double.NEGATIVE_INFINITY, -3)).isEqualTo(-3);
    }

    @Test
    void logGammaRejectsNonPositiveArguments() {
        assertThatThrownBy(() -> SpecialFunctions.logGamma(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecialFunctions.digamma(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
