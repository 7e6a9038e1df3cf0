package org.lifecycle.segmentation.stage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.segmentation.profile.TestFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.lifecycle.segmentation.profile.TestFacts.customer;

class DefaultStageModelTest {

    private static final Instant T = Instant.parse("2025-03-01T09:30:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final DefaultStageModel model = new DefaultStageModel(3, StageThresholds.defaults());

    @Test
    void aCustomerWithNoOrderIsAProspectUntilTheyOrder() {
        StageDecision decision = model.decide(customer(), T);

        assertThat(decision.stage()).isEqualTo("prospect");
        assertThat(decision.rule()).isEqualTo("prospect: known, never bought");
        assertThat(decision.nextChange()).isNull();
    }

    @Test
    void anOrderStampedAfterNowIsNotCountedYet() {
        assertThat(model.decide(customer().order(T.plus(days(1))), T).stage()).isEqualTo("prospect");
    }

    @Test
    void aFirstOrderMakesANewCustomerWhoTurnsAtRiskAfterNinetyDays() {
        TestFacts facts = customer().order(T);

        StageDecision decision = model.decide(facts, T);

        assertThat(decision.stage()).isEqualTo("new_customer");
        assertThat(decision.rule()).isEqualTo("new_customer: first order within 90 days");
        assertThat(decision.nextChange()).isEqualTo(T.plus(days(90)));
    }

    @Test
    void aCustomerTurnsAtRiskTheInstantTheNinetiethDayIsOver() {
        TestFacts facts = customer().order(T);

        assertThat(model.decide(facts, T.plus(days(90)).minus(SECOND)).stage()).isEqualTo("new_customer");
        StageDecision atRisk = model.decide(facts, T.plus(days(90)));

        assertThat(atRisk.stage()).isEqualTo("at_risk");
        assertThat(atRisk.rule()).isEqualTo("at_risk: no order for 90 days");
        assertThat(atRisk.facts()).contains(entry("days_since_last_order", 90L), entry("last_order_at", T));
        assertThat(atRisk.nextChange()).isEqualTo(T.plus(days(365)));
    }

    @Test
    void anAtRiskCustomerLapsesTheInstantTheYearIsOver() {
        TestFacts facts = customer().order(T.minus(days(500))).order(T);

        assertThat(model.decide(facts, T.plus(days(365)).minus(SECOND)).stage()).isEqualTo("at_risk");
        StageDecision lapsed = model.decide(facts, T.plus(days(365)));

        assertThat(lapsed.stage()).isEqualTo("lapsed");
        assertThat(lapsed.rule()).isEqualTo("lapsed: no order for 365 days");
        assertThat(lapsed.nextChange()).as("only a new order changes a lapsed customer").isNull();
    }

    @Test
    void aNewCustomerWhoStillOrderedRecentlyBecomesActiveWhenTheNewCustomerPeriodEnds() {
        DefaultStageModel shortWelcome = new DefaultStageModel(1,
                new StageThresholds(30, 2, 365, 90, 365, 4, List.of("Product Reviewed"), 365));
        TestFacts facts = customer().order(T);

        StageDecision stillNew = shortWelcome.decide(facts, T.plus(days(30)).minus(SECOND));
        StageDecision active = shortWelcome.decide(facts, T.plus(days(30)));

        assertThat(stillNew.stage()).isEqualTo("new_customer");
        assertThat(stillNew.nextChange()).isEqualTo(T.plus(days(30)));
        assertThat(active.stage()).isEqualTo("active");
        assertThat(active.rule()).isEqualTo("active: returning customer, ordered within 90 days");
        assertThat(active.nextChange()).isEqualTo(T.plus(days(90)));
    }

    @Test
    void twoOrdersInAYearMakeACustomerActiveUntilTheAtRiskMark() {
        TestFacts facts = customer().order(T.minus(days(200))).order(T.minus(days(10)));

        StageDecision decision = model.decide(facts, T);

        assertThat(decision.stage()).isEqualTo("active");
        assertThat(decision.rule()).isEqualTo("active: 2 or more orders in the last 365 days");
        assertThat(decision.facts()).contains(entry("orders_in_365_days", 2), entry("advocate_events_in_365_days", 0L),
                entry("first_order_at", T.minus(days(200))));
        assertThat(decision.nextChange()).isEqualTo(T.plus(days(80)));
    }

    @Test
    void activeByOrderCountEndsTheInstantTheOlderOrderLeavesTheYear() {
        TestFacts facts = customer().order(T).order(T.plus(days(300)));

        StageDecision byCount = model.decide(facts, T.plus(days(365)).minus(SECOND));
        StageDecision returning = model.decide(facts, T.plus(days(365)));

        assertThat(byCount.rule()).isEqualTo("active: 2 or more orders in the last 365 days");
        assertThat(byCount.nextChange()).isEqualTo(T.plus(days(365)));
        assertThat(returning.stage()).isEqualTo("active");
        assertThat(returning.rule()).isEqualTo("active: returning customer, ordered within 90 days");
        assertThat(returning.facts()).contains(entry("orders_in_365_days", 1));
        assertThat(returning.nextChange()).isEqualTo(T.plus(days(390)));
    }

    @Test
    void aReturningCustomerWithOneRecentOrderIsActive() {
        TestFacts facts = customer().order(T.minus(days(800))).order(T.minus(days(10)));

        StageDecision decision = model.decide(facts, T);

        assertThat(decision.stage()).isEqualTo("active");
        assertThat(decision.nextChange()).isEqualTo(T.plus(days(80)));
    }

    @Test
    void fourOrdersInAYearMakeACustomerLoyalUntilTheOldestLeavesTheYear() {
        TestFacts facts = customer().order(T.minus(days(300))).order(T.minus(days(200))).order(T.minus(days(100)))
                .order(T.minus(days(10)));

        StageDecision loyal = model.decide(facts, T);

        assertThat(loyal.stage()).isEqualTo("loyal");
        assertThat(loyal.rule()).isEqualTo("loyal: 4 or more orders in the last 365 days");
        assertThat(loyal.nextChange()).isEqualTo(T.plus(days(65)));
        assertThat(model.decide(facts, T.plus(days(65)).minus(SECOND)).stage()).isEqualTo("loyal");
        assertThat(model.decide(facts, T.plus(days(65))).stage()).isEqualTo("active");
    }

    @Test
    void aLoyalCustomerStaysLoyalUntilTheOrderThatTakesTheCountBelowFourLeaves() {
        TestFacts facts = customer().order(T.minus(days(340))).order(T.minus(days(300))).order(T.minus(days(200)))
                .order(T.minus(days(100))).order(T.minus(days(10)));

        assertThat(model.decide(facts, T).nextChange()).as("the second oldest order leaves on day 65")
                .isEqualTo(T.plus(days(65)));
        assertThat(model.decide(facts, T.plus(days(25))).stage()).isEqualTo("loyal");
    }

    @Test
    void aReviewMakesAnActiveCustomerLoyalForAYear() {
        Instant reviewed = T.minus(days(300));
        TestFacts facts = customer().order(T.minus(days(30))).order(T.minus(days(10)))
                .event("Product Reviewed", reviewed);
        // Activity is kept in hourly buckets: the review counts until a year after the end of its hour.
        Instant reviewExpires = reviewed.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(days(365));

        StageDecision loyal = model.decide(facts, T);

        assertThat(loyal.stage()).isEqualTo("loyal");
        assertThat(loyal.rule()).isEqualTo("loyal: 2 or more orders in the last 365 days"
                + " and a Product Reviewed or Referral Completed in the last 365 days");
        assertThat(loyal.facts()).contains(entry("advocate_events_in_365_days", 1L));
        assertThat(loyal.nextChange()).isEqualTo(reviewExpires);
        assertThat(model.decide(facts, reviewExpires.minus(SECOND)).stage()).isEqualTo("loyal");
        assertThat(model.decide(facts, reviewExpires).stage()).isEqualTo("active");
    }

    @Test
    void aReferralOlderThanAYearDoesNotMakeACustomerLoyal() {
        TestFacts facts = customer().order(T.minus(days(30))).order(T.minus(days(10)))
                .event("Referral Completed", T.minus(days(400)));

        assertThat(model.decide(facts, T).stage()).isEqualTo("active");
    }

    @Test
    void anAdvocateWhoIsNotActiveIsNotLoyal() {
        TestFacts facts = customer().order(T.minus(days(10))).event("Product Reviewed", T.minus(days(5)));

        assertThat(model.decide(facts, T).stage()).isEqualTo("new_customer");
    }

    @Test
    void aLapsedCustomerWhoOrdersAgainIsReactivated() {
        TestFacts facts = customer().order(T.minus(days(400)));
        String before = model.decide(facts, T).stage();

        String after = model.decide(facts.order(T), T).stage();

        assertThat(before).isEqualTo("lapsed");
        assertThat(after).isEqualTo("active");
        assertThat(DefaultStageModel.isReactivation(before, after)).isTrue();
    }

    @Test
    void onlyAMoveFromAtRiskOrLapsedIntoAnOrderingStageIsAReactivation() {
        assertThat(DefaultStageModel.isReactivation("at_risk", "loyal")).isTrue();
        assertThat(DefaultStageModel.isReactivation("at_risk", "new_customer")).isTrue();
        assertThat(DefaultStageModel.isReactivation("lapsed", "active")).isTrue();
        assertThat(DefaultStageModel.isReactivation("at_risk", "lapsed")).isFalse();
        assertThat(DefaultStageModel.isReactivation("active", "loyal")).isFalse();
        assertThat(DefaultStageModel.isReactivation("prospect", "new_customer")).isFalse();
        assertThat(DefaultStageModel.isReactivation(null, "active")).isFalse();
    }

    @Test
    void theModelListsItsStagesInLifecycleOrderAndCarriesItsVersion() {
        assertThat(model.stages()).containsExactly("prospect", "new_customer", "active", "loyal", "at_risk", "lapsed");
        assertThat(model.version()).isEqualTo(3);
    }

    @Test
    void thresholdsThatLeaveAStageUnreachableAreRefused() {
        assertThatThrownBy(() -> new StageThresholds(90, 2, 365, 365, 365, 4, List.of(), 365))
                .hasMessageContaining("atRiskDays");
        assertThatThrownBy(() -> new StageThresholds(90, 3, 365, 90, 365, 2, List.of(), 365))
                .hasMessageContaining("loyalMinOrders");
        assertThatThrownBy(() -> new StageThresholds(0, 2, 365, 90, 365, 4, List.of(), 365))
                .hasMessageContaining("newCustomerDays");
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
