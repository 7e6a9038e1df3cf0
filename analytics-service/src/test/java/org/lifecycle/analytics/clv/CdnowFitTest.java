package org.lifecycle.analytics.clv;

import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fitted on the CDNOW sample summarised from its raw orders, the three models reproduce the published estimates and
 * log-likelihoods (shared/data/README.md) to within 0.5%.
 */
class CdnowFitTest {

    private static final Percentage HALF_PERCENT = Percentage.withPercentage(0.5);

    private static List<CustomerSummary> customers;

    @BeforeAll
    static void summarise() {
        customers = CustomerSummaries.of(CdnowData.sampleTransactions(), CdnowData.CALIBRATION);
    }

    @Test
    void bgNbdReproducesThePublishedEstimatesAndLogLikelihood() {
        ModelFit<BgNbdModel> fit = BgNbdModel.fit(customers);

        BgNbdModel m = fit.model();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(m.r()).isCloseTo(0.2426, HALF_PERCENT);
        assertThat(m.alpha()).isCloseTo(4.4137, HALF_PERCENT);
        assertThat(m.a()).isCloseTo(0.7930, HALF_PERCENT);
        assertThat(m.b()).isCloseTo(2.4262, HALF_PERCENT);
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, HALF_PERCENT).isCloseTo(-9582.43,
                within(0.01));
    }

    @Test
    void paretoNbdReproducesThePublishedEstimatesAndLogLikelihood() {
        ModelFit<ParetoNbdModel> fit = ParetoNbdModel.fit(customers);

        ParetoNbdModel m = fit.model();
        assertThat(fit.converged()).isTrue();
        assertThat(m.r()).isCloseTo(0.553, HALF_PERCENT);
        assertThat(m.alpha()).isCloseTo(10.58, HALF_PERCENT);
        assertThat(m.s()).isCloseTo(0.606, HALF_PERCENT);
        assertThat(m.beta()).isCloseTo(11.66, HALF_PERCENT);
        assertThat(fit.logLikelihood()).isCloseTo(-9594.98, HALF_PERCENT).isCloseTo(-9594.98,
                within(0.01));
    }

    @Test
    void gammaGammaReproducesThePublishedEstimatesOnTheRepeatBuyers() {
        ModelFit<GammaGammaModel> fit = GammaGammaModel.fit(customers);

        GammaGammaModel m = fit.model();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.customers()).isEqualTo(946);
        assertThat(m.p()).isCloseTo(6.25, HALF_PERCENT);
        assertThat(m.q()).isCloseTo(3.74, HALF_PERCENT);
        assertThat(m.gamma()).isCloseTo(15.44, HALF_PERCENT);
    }

    @Test
    void fitsOnThePublishedSummaryFileAgreeWithFitsOnTheRebuiltSummaries() {
        List<CustomerSummary> published = CdnowData.publishedSummaries();

        BgNbdModel fromFile = BgNbdModel.fit(published).model();
        GammaGammaModel spendFromFile = GammaGammaModel.fit(published).model();

        assertThat(fromFile.r()).isCloseTo(0.2426, HALF_PERCENT);
        assertThat(fromFile.alpha()).isCloseTo(4.4137, HALF_PERCENT);
        assertThat(fromFile.a()).isCloseTo(0.7930, HALF_PERCENT);
        assertThat(fromFile.b()).isCloseTo(2.4262, HALF_PERCENT);
        assertThat(spendFromFile.p()).isCloseTo(6.25, HALF_PERCENT);
        assertThat(spendFromFile.q()).isCloseTo(3.74, HALF_PERCENT);
        assertThat(spendFromFile.gamma()).isCloseTo(15.44, HALF_PERCENT);
    }

    @Test
    void theFittedBgNbdModelPredictsThePublishedFigures() {
        BgNbdModel m = BgNbdModel.fit(customers).model();

        assertThat(m.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, HALF_PERCENT);
        assertThat(m.expectedPurchasesOfNewCustomer(1)).isCloseTo(0.0532, HALF_PERCENT);
        assertThat(m.expectedPurchasesOfNewCustomer(3)).isCloseTo(0.1506, HALF_PERCENT);
        assertThat(m.expectedPurchasesOfNewCustomer(32)).isCloseTo(1.0437, HALF_PERCENT);
        assertThat(m.expectedPurchasesOfNewCustomer(78)).isCloseTo(1.8576, HALF_PERCENT);
    }
}
