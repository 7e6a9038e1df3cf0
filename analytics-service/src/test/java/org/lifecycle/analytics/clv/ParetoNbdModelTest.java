package org.lifecycle.analytics.clv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Pareto/NBD formulas with the published CDNOW estimates, against values computed independently with 30-digit
 * arithmetic by integrating the death time directly (no hypergeometric function involved).
 */
class ParetoNbdModelTest {

    private static final ParetoNbdModel PUBLISHED = new ParetoNbdModel(0.553, 10.58, 0.606, 11.66);

    @Test
    void probabilityAliveAndExpectedPurchasesMatchDirectIntegration() {
        assertThat(PUBLISHED.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.869145111482, within(1e-11));
        assertThat(PUBLISHED.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.45498801971, within(1e-10));
        assertThat(PUBLISHED.probabilityAlive(0, 0, 38.86)).isCloseTo(0.295154847766, within(1e-11));
        assertThat(PUBLISHED.expectedPurchases(39, 0, 0, 38.86)).isCloseTo(0.107026509724, within(1e-11));
        assertThat(PUBLISHED.probabilityAlive(1, 1.71, 38.86)).isCloseTo(0.16792496399, within(1e-10));
        assertThat(PUBLISHED.expectedPurchases(39, 10, 5, 38.86)).isCloseTo(0.000351699075199, within(1e-14));
    }

    @Test
    void staysAccurateWhereTheHypergeometricSeriesWouldBeSlow() {
        // α ≫ β puts the 2F1 argument (α−β)/(α+t_x) near 1, where the model integrates directly.
        ParetoNbdModel m = new ParetoNbdModel(0.8, 400, 1.3, 0.05);

        assertThat(m.probabilityAlive(3, 2, 30)).isCloseTo(0.0244108862589, within(1e-11));
        assertThat(m.probabilityAlive(0, 0, 30)).isCloseTo(0.000230387454174, within(1e-14));
        assertThat(ParetoNbdModel.logIntegral(0.8, 400, 1.3, 0.05, 3, 2, 30)).isCloseTo(-24.0404571999551,
                within(1e-11));
    }

    @Test
    void seriesAndQuadratureAgreeOnTheDeathIntegral() {
        // The likelihood uses the 2F1 form; the quadrature is its fallback: both must give the same ln I.
        double r = 0.553;
        double s = 0.606;
        for (double[] ab : new double[][]{{10.58, 11.66}, {11.66, 10.58}, {3, 30}, {30, 3}}) {
            ParetoNbdModel m = new ParetoNbdModel(r, ab[0], s, ab[1]);
            double direct = Math.log(s) + ParetoNbdModel.logIntegral(r, ab[0], s, ab[1], 4, 12.5, 38);
            double alive = -(r + 4) * Math.log(ab[0] + 38) - s * Math.log(ab[1] + 38);
            double pAlive = 1 / (1 + Math.exp(direct - alive));
            assertThat(m.probabilityAlive(4, 12.5, 38)).as("alpha=%s beta=%s", ab[0], ab[1])
                    .isCloseTo(pAlive, within(1e-12));
        }
    }

    @Test
    void newCustomerPurchasesAreContinuousThroughSEqualOne() {
        double below = new ParetoNbdModel(0.5, 10, 1 - 1e-9, 12).expectedPurchasesOfNewCustomer(52);
        double at = new ParetoNbdModel(0.5, 10, 1, 12).expectedPurchasesOfNewCustomer(52);
        double above = new ParetoNbdModel(0.5, 10, 1 + 1e-9, 12).expectedPurchasesOfNewCustomer(52);

        // s = 1: r/α · β ln((β+t)/β)
        assertThat(at).isCloseTo(0.5 / 10 * 12 * Math.log(64.0 / 12), within(1e-12));
        assertThat(below).isCloseTo(at, within(1e-8));
        assertThat(above).isCloseTo(at, within(1e-8));
    }

    @Test
    void logLikelihoodOfACustomerWithoutRepeatPurchasesIsTheClosedForm() {
        // x = 0, t_x = 0: L = α^r β^s [ 1/((α+T)^r (β+T)^s) + s/(r+s) (F(0) − F(T)) ] and with α = β the 2F1 is 1:
        // s/(r+s) ((α)^−(r+s) − (α+T)^−(r+s)); so L = (α/(α+T))^(r+s) + s/(r+s) (1 − (α/(α+T))^(r+s)).
        double r = 0.7;
        double s = 0.4;
        double ratio = Math.pow(8.0 / (8.0 + 20), r + s);
        double likelihood = ratio + s / (r + s) * (1 - ratio);

        double ll = new ParetoNbdModel(r, 8, s, 8).logLikelihood(SummaryTable.of(List.of(CustomerSummary.of("1", 0, 0,
                20))));

        assertThat(ll).isCloseTo(Math.log(likelihood), within(1e-13));
    }
}
