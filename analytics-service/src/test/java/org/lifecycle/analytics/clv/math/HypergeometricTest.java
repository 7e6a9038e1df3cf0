package org.lifecycle.analytics.clv.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** ₂F₁ against closed forms and 30-digit reference values (mpmath). */
class HypergeometricTest {

    @Test
    void matchesClosedForms() {
        for (double z : new double[]{0.01, 0.3, 0.9, 0.99, -0.4, -3}) {
            assertThat(Hypergeometric.hyp2f1(1, 1, 2, z)).as("z=%s", z)
                    .isCloseTo(-Math.log1p(-z) / z, within(1e-13 * Math.abs(Math.log1p(-z) / z)));
            assertThat(Hypergeometric.hyp2f1(0.7, 2.5, 2.5, z)).as("z=%s", z)
                    .isCloseTo(Math.pow(1 - z, -0.7), within(1e-13 * Math.pow(1 - z, -0.7)));
        }
        double y = 0.8;
        assertThat(Hypergeometric.hyp2f1(0.5, 0.5, 1.5, y * y)).isCloseTo(Math.asin(y) / y, within(1e-14));
    }

    @Test
    void matchesReferenceValuesNearOneWithNegativeCAndForNegativeArguments() {
        assertThat(Hypergeometric.hyp2f1(2.5, 1.7, 3.5, 0.93)).isCloseTo(15.985183672370513, within(1e-11));
        assertThat(Hypergeometric.hyp2f1(0.8, 2.2, -0.6, 0.4)).isCloseTo(-15.791245204103984, within(1e-11));
        assertThat(Hypergeometric.hyp2f1(1.3, 0.7, 2.9, -7)).isCloseTo(0.42410779325162182, within(1e-14));
    }

    @Test
    void rejectsArgumentsOutsideItsDomain() {
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
