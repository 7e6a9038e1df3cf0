package org.lifecycle.analytics.clv;

import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A store fits both models on its own orders and predicts each customer's value from them. */
class CustomerValueModelTest {

    @Test
    void predictsEachCustomerOfTheCdnowSampleFromItsOwnOrders() {
        var orders = CdnowData.sampleTransactions();

        CustomerValueModel model = CustomerValueModel.fit(orders, CdnowData.CALIBRATION,
                CustomerValueModel.Kind.BG_NBD);
        CustomerSummary first = CustomerSummaries.of(orders, CdnowData.CALIBRATION).getFirst();
        CustomerPrediction p = model.predict(first, 39 * 7, new LifetimeValue(39, 1, 0));

        BgNbdModel purchases = (BgNbdModel) model.purchases();
        assertThat(purchases.r()).isCloseTo(0.2426, Percentage.withPercentage(0.5));
        assertThat(model.spend().p()).isCloseTo(6.25, Percentage.withPercentage(0.5));
        assertThat(p.customerId()).isEqualTo("1");
        assertThat(p.expectedPurchases()).isCloseTo(1.226, within(0.005));
        assertThat(p.probabilityAlive()).isCloseTo(purchases.probabilityAlive(first), within(1e-15));
        assertThat(p.expectedOrderValue()).isCloseTo(model.spend().expectedValue(2, first.meanRepeatValue()),
                within(1e-12));
        assertThat(p.lifetimeValue()).isCloseTo(p.expectedPurchases() * p.expectedOrderValue(), within(1e-9));
    }

    @Test
    void refusesAHistoryThatDoesNotDetermineTheSpendModel() {
        // Every repeat buyer spends exactly the same: the spread of spend across customers cannot be estimated.
        List<CustomerSummary> customers = List.of(new CustomerSummary("1", 2, 5, 10, 30),
                new CustomerSummary("2", 3, 8, 10, 30), new CustomerSummary("3", 1, 5, 12, 30),
                CustomerSummary.of("4", 0, 0, 12));

        assertThatThrownBy(() -> CustomerValueModel.fit(customers, 7, CustomerValueModel.Kind.BG_NBD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not converge");
    }

    @Test
    void paretoNbdPredictionsComeFromTheParetoNbdFit() {
        var orders = CdnowData.sampleTransactions();

        CustomerValueModel model = CustomerValueModel.fit(orders, CdnowData.CALIBRATION,
                CustomerValueModel.Kind.PARETO_NBD);
        CustomerPrediction p = model.predict(new CustomerSummary("x", 2, 30.43, 38.86, 22.35), 39 * 7,
                LifetimeValue.monthly(12, 0.1, 7));

        assertThat(model.purchases()).isInstanceOf(ParetoNbdModel.class);
        assertThat(((ParetoNbdModel) model.purchases()).s()).isCloseTo(0.606, Percentage.withPercentage(0.5));
        assertThat(p.probabilityAlive()).isBetween(0.8, 0.9);
        assertThat(p.lifetimeValue()).isPositive().isLessThan(p.expectedOrderValue() * 2 * p.expectedPurchases());
    }
}
