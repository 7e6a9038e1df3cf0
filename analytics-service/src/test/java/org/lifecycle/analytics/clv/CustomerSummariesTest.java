package org.lifecycle.analytics.clv;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CustomerSummariesTest {

    private static final LocalDate END = LocalDate.of(2024, 3, 31);

    @Test
    void sameDayOrdersAreOnePurchaseAndOnlyRepeatDaysMakeTheMeanValue() {
        List<Transaction> orders = List.of(
                new Transaction("ann", LocalDate.of(2024, 1, 1), 100),
                new Transaction("ann", LocalDate.of(2024, 1, 1), 50),
                new Transaction("ann", LocalDate.of(2024, 1, 15), 20),
                new Transaction("ann", LocalDate.of(2024, 1, 15), 10),
                new Transaction("ann", LocalDate.of(2024, 2, 12), 60),
                new Transaction("ann", LocalDate.of(2024, 4, 2), 999));

        CustomerSummary ann = CustomerSummaries.of(orders, CalibrationWindow.weeksUntil(END)).getFirst();

        assertThat(ann.frequency()).isEqualTo(2);
        assertThat(ann.recency()).isCloseTo(6, within(1e-12));
        assertThat(ann.age()).isCloseTo(90 / 7.0, within(1e-12));
        assertThat(ann.meanRepeatValue()).isCloseTo(45, within(1e-12));
    }

    @Test
    void aOneTimeBuyerHasNoRecencyAndNoRepeatValue() {
        List<Transaction> orders = List.of(new Transaction("bob", LocalDate.of(2024, 3, 31), 12));

        CustomerSummary bob = CustomerSummaries.of(orders, CalibrationWindow.weeksUntil(END)).getFirst();

        assertThat(bob).isEqualTo(new CustomerSummary("bob", 0, 0, 0, 0));
    }

    @Test
    void theWindowKeepsOnlyCustomersWhoFirstBoughtInsideIt() {
        List<Transaction> orders = List.of(
                new Transaction("old", LocalDate.of(2023, 12, 31), 10),
                new Transaction("old", LocalDate.of(2024, 2, 1), 10),
                new Transaction("new", LocalDate.of(2024, 1, 2), 10),
                new Transaction("late", LocalDate.of(2024, 4, 1), 10));

        List<CustomerSummary> summaries = CustomerSummaries.of(orders,
                new CalibrationWindow(LocalDate.of(2024, 1, 1), END, 1));

        assertThat(summaries).extracting(CustomerSummary::customerId).containsExactly("new");
        assertThat(summaries.getFirst().age()).isEqualTo(89);
    }
}
