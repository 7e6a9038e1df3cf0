package org.lifecycle.analytics.clv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lifecycle.analytics.clv.math.SpecialFunctions.logGamma;

/** The Gamma-Gamma formulas with the published CDNOW estimates p = 6.25, q = 3.74, γ = 15.44. */
class GammaGammaModelTest {

    private static final GammaGammaModel PUBLISHED = new GammaGammaModel(6.25, 3.74, 15.44);

    @Test
    void expectedValueWeighsThePopulationMeanAgainstTheCustomersOwnMean() {
        // (γ + x zbar) p / (px + q − 1) = (15.44 + 2·22.35)·6.25 / (12.5 + 2.74)
        assertThat(PUBLISHED.expectedValue(2, 22.35)).isCloseTo(24.6637139108, within(1e-9));
        // p γ / (q − 1) = 6.25 · 15.44 / 2.74
        assertThat(PUBLISHED.populationMeanValue()).isCloseTo(35.2189781022, within(1e-9));
        assertThat(PUBLISHED.expectedValue(0, 0)).isEqualTo(PUBLISHED.populationMeanValue());
        // The more purchases, the closer to the customer's own mean.
        assertThat(PUBLISHED.expectedValue(50, 22.35)).isCloseTo(22.35, within(0.2));
        // Repeat orders that were all free pull the expectation towards zero: γp / (px + q − 1).
        assertThat(PUBLISHED.expectedValue(3, 0)).isCloseTo(15.44 * 6.25 / (18.75 + 2.74), within(1e-9));
    }

    @Test
    void logLikelihoodOfOneBuyerIsTheGammaMixtureDensity() {
        double p = 6.25;
        double q = 3.74;
        double g = 15.44;
        int x = 1;
        double z = 20;
        // x = 1: Γ(p+q)/(Γ(p)Γ(q)) γ^q z^(p−1) / (γ+z)^(p+q), the density of a purchase value itself
        double logDensity = logGamma(p + q) - logGamma(p) - logGamma(q) + q * Math.log(g) + (p - 1) * Math.log(z)
                - (p + q) * Math.log(g + z);

        double ll = PUBLISHED.logLikelihood(SpendTable.of(List.of(new CustomerSummary("1", x, 3, 10, z))));

        assertThat(ll).isCloseTo(logDensity, within(1e-12));
    }

    @Test
    void onlyRepeatBuyersWhoSpentSomethingEnterTheFit() {
        SpendTable table = SpendTable.of(List.of(new CustomerSummary("1", 0, 0, 10, 0),
                new CustomerSummary("2", 2, 5, 10, 30), new CustomerSummary("3", 2, 7, 12, 30),
                new CustomerSummary("4", 1, 3, 12, 0)));

        assertThat(table.customers()).isEqualTo(2);
        assertThat(table.distinctRows()).isEqualTo(1);
    }

    @Test
    void refusesAMeanThatDoesNotExist() {
        assertThatThrownBy(() -> new GammaGammaModel(2, 0.9, 10).populationMeanValue())
                .isInstanceOf(IllegalStateException.class);
    }
}
