package org.lifecycle.analytics.clv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The BG/NBD formulas with the published CDNOW estimates, against the figures of Hardie's BG/NBD spreadsheet and
 * values computed independently with 30-digit arithmetic.
 */
class BgNbdModelTest {

    private static final BgNbdModel PUBLISHED = new BgNbdModel(0.2426, 4.4137, 0.7930, 2.4262);

    @Test
    void customerWithTwoRepeatPurchasesExpectsThePublishedPurchasesOverThirtyNineWeeks() {
        assertThat(PUBLISHED.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005))
                .isCloseTo(1.22589548571, within(1e-10));
    }

    @Test
    void newCustomerExpectsThePublishedPurchases() {
        assertThat(PUBLISHED.expectedPurchasesOfNewCustomer(1)).isCloseTo(0.0532, within(0.00005));
        assertThat(PUBLISHED.expectedPurchasesOfNewCustomer(3)).isCloseTo(0.1506, within(0.00005));
        assertThat(PUBLISHED.expectedPurchasesOfNewCustomer(32)).isCloseTo(1.0437, within(0.00005));
        assertThat(PUBLISHED.expectedPurchasesOfNewCustomer(78)).isCloseTo(1.8576, within(0.0005))
                .isCloseTo(1.85794551747, within(1e-10));
    }

    @Test
    void probabilityAliveFollowsFromTheRecencyGap() {
        // 1 / (1 + a/(b+x-1) ((α+T)/(α+t_x))^(r+x)), evaluated with 30 digits
        assertThat(PUBLISHED.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.726606636654, within(1e-11));
        assertThat(PUBLISHED.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        assertThat(PUBLISHED.probabilityAlive(5, 38.86, 38.86)).isGreaterThan(PUBLISHED.probabilityAlive(5, 10, 38.86));
    }

    @Test
    void aNewCustomerIsACustomerWithNoHistoryAndNoAge() {
        assertThat(PUBLISHED.expectedPurchases(20, 0, 0, 0))
                .isCloseTo(PUBLISHED.expectedPurchasesOfNewCustomer(20), within(1e-12));
        assertThat(PUBLISHED.expectedPurchases(0, 3, 5, 10)).isZero();
    }

    @Test
    void shortHorizonPurchasesAreTheAliveRateTimesTheHorizon() {
        // For t → 0, E[Y(t)] ≈ P(alive) · E[λ | x, T] · t = P(alive) · (r+x)/(α+T) · t
        double t = 1e-4;
        double expected = PUBLISHED.probabilityAlive(4, 20, 30) * (PUBLISHED.r() + 4) / (PUBLISHED.alpha() + 30) * t;
        assertThat(PUBLISHED.expectedPurchases(t, 4, 20, 30)).isCloseTo(expected, within(expected * 1e-3));
    }

    @Test
    void logLikelihoodOfOneCustomerIsTheClosedForm() {
        double r = 0.2426;
        double alpha = 4.4137;
        double a = 0.7930;
        double b = 2.4262;
        int x = 2;
        double tx = 30.43;
        double age = 38.86;
        // B(a, b+x)/B(a, b) Γ(r+x)α^r/(Γ(r)(α+T)^(r+x)) + B(a+1, b+x−1)/B(a, b) Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x)),
        // with Γ(r+2)/Γ(r) = r(r+1), B(a, b+2)/B(a, b) = b(b+1)/((a+b)(a+b+1)), B(a+1, b+1)/B(a, b) = ab/((a+b)(a+b+1))
        double gammas = r * (r + 1) * Math.pow(alpha, r);
        double ab = (a + b) * (a + b + 1);
        double likelihood = b * (b + 1) / ab * gammas / Math.pow(alpha + age, r + x)
                + a * b / ab * gammas / Math.pow(alpha + tx, r + x);

        double ll = PUBLISHED.logLikelihood(SummaryTable.of(List.of(CustomerSummary.of("1", x, tx, age))));

        assertThat(ll).isCloseTo(Math.log(likelihood), within(1e-12));
    }

    @Test
    void identicalCustomersCountOnceEachInTheLikelihood() {
        CustomerSummary one = CustomerSummary.of("1", 3, 12, 30);
        CustomerSummary other = CustomerSummary.of("2", 0, 0, 25);
        double single = PUBLISHED.logLikelihood(SummaryTable.of(List.of(one)))
                + PUBLISHED.logLikelihood(SummaryTable.of(List.of(other)));

        SummaryTable table = SummaryTable.of(List.of(one, other, CustomerSummary.of("3", 3, 12, 30)));

        assertThat(table.distinctRows()).isEqualTo(2);
        assertThat(table.customers()).isEqualTo(3);
        assertThat(PUBLISHED.logLikelihood(table))
                .isCloseTo(single + PUBLISHED.logLikelihood(SummaryTable.of(List.of(one))), within(1e-10));
    }

    @Test
    void expectationsAreContinuousThroughAEqualOne() {
        BgNbdModel at = new BgNbdModel(0.25, 4, 1, 2.5);
        BgNbdModel below = new BgNbdModel(0.25, 4, 1 - 1e-4, 2.5);
        BgNbdModel above = new BgNbdModel(0.25, 4, 1 + 1e-4, 2.5);

        assertThat(at.expectedPurchases(39, 2, 30, 38)).isCloseTo(
                0.5 * (below.expectedPurchases(39, 2, 30, 38) + above.expectedPurchases(39, 2, 30, 38)), within(1e-8));
        assertThat(at.expectedPurchasesOfNewCustomer(52)).isCloseTo(
                0.5 * (below.expectedPurchasesOfNewCustomer(52) + above.expectedPurchasesOfNewCustomer(52)),
                within(1e-8));
    }

    @Test
    void aHistoryWithoutRepeatPurchasesCannotBeFitted() {
        List<CustomerSummary> oneTimeBuyers = List.of(CustomerSummary.of("1", 0, 0, 10), CustomerSummary.of("2", 0, 0,
                20));

        assertThatThrownBy(() -> BgNbdModel.fit(oneTimeBuyers)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat purchase");
        assertThatThrownBy(() -> ParetoNbdModel.fit(oneTimeBuyers)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat purchase");
    }

    @Test
    void rejectsImpossibleSummariesAndParameters() {
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(1, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PUBLISHED.expectedPurchases(-1, 1, 1, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbdModel(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
