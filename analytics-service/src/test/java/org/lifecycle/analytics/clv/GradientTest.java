package org.lifecycle.analytics.clv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The analytic gradients the fits use equal central differences of the log-likelihoods. */
class GradientTest {

    private static final List<CustomerSummary> CUSTOMERS = List.of(new CustomerSummary("1", 0, 0, 30, 0),
            new CustomerSummary("2", 1, 4, 30, 12), new CustomerSummary("3", 5, 25, 38, 40),
            new CustomerSummary("4", 12, 35, 36, 18.5), new CustomerSummary("5", 2, 2.5, 20, 70));

    @Test
    void bgNbdGradientEqualsFiniteDifferences() {
        SummaryTable table = SummaryTable.of(CUSTOMERS);
        double[] theta = {0.3, 5.0, 0.9, 2.2};
        double[] gradient = new double[4];
        BgNbdModel.logLikelihood(table, theta[0], theta[1], theta[2], theta[3], gradient);

        for (int i = 0; i < 4; i++) {
            double h = 1e-6 * theta[i];
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (BgNbdModel.logLikelihood(table, up[0], up[1], up[2], up[3])
                    - BgNbdModel.logLikelihood(table, down[0], down[1], down[2], down[3])) / (2 * h);
            assertThat(gradient[i]).as("parameter %d", i).isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(
                    numeric))));
        }
    }

    @Test
    void gammaGammaGradientEqualsFiniteDifferences() {
        SpendTable table = SpendTable.of(CUSTOMERS);
        double[] theta = {5.0, 3.5, 14.0};
        double[] gradient = new double[3];
        GammaGammaModel.logLikelihood(table, theta[0], theta[1], theta[2], gradient);

        for (int i = 0; i < 3; i++) {
            double h = 1e-6 * theta[i];
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (GammaGammaModel.logLikelihood(table, up[0], up[1], up[2])
                    - GammaGammaModel.logLikelihood(table, down[0], down[1], down[2])) / (2 * h);
            assertThat(gradient[i]).as("parameter %d", i).isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(
                    numeric))));
        }
    }
}
