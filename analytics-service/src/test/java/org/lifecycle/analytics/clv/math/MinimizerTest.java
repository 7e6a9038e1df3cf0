package org.lifecycle.analytics.clv.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MinimizerTest {

    @Test
    void findsTheMinimumOfTheRosenbrockValley() {
        Minimizer.Result res = Minimizer.minimize(
                p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2), new double[]{-1.2, 1});

        assertThat(res.converged()).isTrue();
        assertThat(res.point()[0]).isCloseTo(1, within(1e-5));
        assertThat(res.point()[1]).isCloseTo(1, within(1e-5));
    }

    @Test
    void stepsBackFromRegionsWhereTheObjectiveIsNotFinite() {
        Minimizer.Result res = Minimizer.minimize(
                p -> p[0] > 3 ? Double.NaN : Math.pow(p[0] - 2.5, 2) + Math.pow(p[1] + 1, 2), new double[]{-20, 7});

        assertThat(res.point()[0]).isCloseTo(2.5, within(1e-5));
        assertThat(res.point()[1]).isCloseTo(-1, within(1e-5));
    }
}
