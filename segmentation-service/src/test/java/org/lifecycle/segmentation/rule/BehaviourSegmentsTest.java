package org.lifecycle.segmentation.rule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;

class BehaviourSegmentsTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private final BehaviourSegments segments = new BehaviourSegments();

    private static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void keysComeInPairs() {
        assertThat(segments.definitions()).extracting(SegmentDefinition::key).containsExactly("engaged", "not_engaged",
                "repeat_buyers", "occasional_buyers", "responsive", "non_responsive", "loyal", "not_loyal");
    }

    @Test
    void engagedIsAnyViewOpenOrClickInThirtyDays() {
        for (String event : new String[]{"Page Viewed", "Screen Viewed", "Email Opened", "Email Link Clicked"}) {
            FactsBuilder facts = customer().event(event, daysAgo(29));
            assertThat(segments.engaged().rule().matches(facts, NOW)).as(event).isTrue();
            assertThat(segments.notEngaged().rule().matches(facts, NOW)).as(event).isFalse();
        }
        FactsBuilder stale = customer().event("Page Viewed", daysAgo(31)).event("Product Viewed", daysAgo(1));
        assertThat(segments.engaged().rule().matches(stale, NOW)).isFalse();
        assertThat(segments.notEngaged().rule().matches(stale, NOW)).isTrue();
    }

    @Test
    void repeatAndOccasionalBuyersSplitCustomersWhoOrdered() {
        FactsBuilder once = customer().order(daysAgo(800), "10");
        FactsBuilder twice = customer().order(daysAgo(800), "10").order(daysAgo(2), "10");

        assertThat(segments.occasionalBuyers().rule().matches(once, NOW)).isTrue();
        assertThat(segments.repeatBuyers().rule().matches(once, NOW)).isFalse();
        assertThat(segments.repeatBuyers().rule().matches(twice, NOW)).isTrue();
        assertThat(segments.occasionalBuyers().rule().matches(twice, NOW)).isFalse();
        assertThat(segments.occasionalBuyers().rule().matches(customer(), NOW)).isFalse();
        assertThat(segments.repeatBuyers().rule().matches(customer(), NOW)).isFalse();
    }

    @Test
    void nonResponsiveNeedsAnEmailAddressAndNoOpenOrClickInNinetyDays() {
        FactsBuilder silent = customer().email("ada@example.com").event("Email Opened", daysAgo(91));
        FactsBuilder clicked = customer().email("ada@example.com").event("Email Link Clicked", daysAgo(89));

        assertThat(segments.nonResponsive().rule().matches(silent, NOW)).isTrue();
        assertThat(segments.responsive().rule().matches(silent, NOW)).isFalse();
        assertThat(segments.responsive().rule().matches(clicked, NOW)).isTrue();
        assertThat(segments.nonResponsive().rule().matches(clicked, NOW)).isFalse();
        assertThat(segments.nonResponsive().rule().matches(customer(), NOW)).isFalse();
    }

    @Test
    void loyalIsThreeOrdersOrTwoOrdersAndAdvocacyInAYear() {
        FactsBuilder three = customer().order(daysAgo(300), "10").order(daysAgo(200), "10").order(daysAgo(1), "10");
        FactsBuilder twoAndReview = customer().order(daysAgo(300), "10").order(daysAgo(1), "10")
                .event("Product Reviewed", daysAgo(100));
        FactsBuilder twoAndReferral = customer().order(daysAgo(300), "10").order(daysAgo(1), "10")
                .event("Referral Completed", daysAgo(5));
        FactsBuilder twoAndOldReview = customer().order(daysAgo(300), "10").order(daysAgo(1), "10")
                .event("Product Reviewed", daysAgo(400));

        assertThat(segments.loyal().rule().matches(three, NOW)).isTrue();
        assertThat(segments.loyal().rule().matches(twoAndReview, NOW)).isTrue();
        assertThat(segments.loyal().rule().matches(twoAndReferral, NOW)).isTrue();
        assertThat(segments.loyal().rule().matches(twoAndOldReview, NOW)).isFalse();
        assertThat(segments.notLoyal().rule().matches(twoAndOldReview, NOW)).isTrue();
        assertThat(segments.notLoyal().rule().matches(three, NOW)).isFalse();
        assertThat(segments.notLoyal().rule().matches(customer(), NOW)).isFalse();
    }

    @Test
    void loyaltyEndsWhenTheThirdOrderLeavesTheYear() {
        FactsBuilder three = customer().order(daysAgo(300), "10").order(daysAgo(200), "10").order(daysAgo(1), "10");
        assertThat(segments.loyal().rule().nextChange(three, NOW)).isEqualTo(daysAgo(300).plus(Duration.ofDays(365)));
    }

    @Test
    void thresholdsAreParameters() {
        BehaviourSegments strict = new BehaviourSegments(7, 3, 30, 180, 5, 4);
        FactsBuilder twice = customer().order(daysAgo(10), "10").order(daysAgo(2), "10");

        assertThat(strict.repeatBuyers().rule().matches(twice, NOW)).isFalse();
        assertThat(strict.occasionalBuyers().rule().matches(twice, NOW)).isTrue();
        assertThat(strict.engaged().rule().describe()).contains("in the last 7 days");
        assertThat(strict.loyal().rule().maxWindowDays()).isEqualTo(180);
        assertThatThrownBy(() -> new BehaviourSegments(0, 2, 90, 365, 3, 2))
                .hasMessage("engagedWithinDays must be 1..3650, was 0");
    }

    @Test
    void definitionsReadAsRules() {
        assertThat(segments.repeatBuyers().rule().describe()).isEqualTo("at least 2 orders in total");
        assertThat(segments.nonResponsive().rule().describe()).isEqualTo("email is set and not (at least 1 Email "
                + "Opened in the last 90 days or at least 1 Email Link Clicked in the last 90 days)");
        assertThat(segments.definitions()).noneMatch(definition -> definition.rule().usesStage())
                .noneMatch(definition -> definition.rule().usesRfm());
    }
}
