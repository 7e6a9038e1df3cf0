package org.lifecycle.campaign.journey.offer;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.Offer.Basis;

import static org.assertj.core.api.Assertions.assertThat;

class WinBackOffersTest {

    private final WinBackOffers offers = new WinBackOffers(OfferTiers.defaults());

    private static Contact predicted(String clv, String probabilityAlive) {
        return Contact.builder("c").attribute(WinBackOffers.PREDICTED_CLV, new BigDecimal(clv))
                .attribute(WinBackOffers.PROBABILITY_ALIVE, new BigDecimal(probabilityAlive)).build();
    }

    @ParameterizedTest(name = "clv {0}, p(alive) {1} -> {2} {3}%")
    @CsvSource({
            "900, 0.80, high_value_likely, 10",
            "500, 0.50, high_value_likely, 10",
            "500, 0.49, high_value_uncertain, 20",
            "500, 0.20, high_value_uncertain, 20",
            "500, 0.19, high_value_unlikely, 25",
            "499.99, 0.90, medium_value_likely, 5",
            "150, 0.30, medium_value_uncertain, 15",
            "150, 0.05, medium_value_unlikely, 15",
            "149.99, 0.70, low_value_likely, 0",
            "40, 0.25, low_value_uncertain, 10",
            "0, 0.01, low_value_unlikely, 5"})
    void theOfferFollowsPredictedValueAndProbabilityOfBuyingAgain(String clv, String alive, String tier,
            int percentOff) {
        Offer offer = offers.offer(predicted(clv, alive));

        assertThat(offer.tier()).isEqualTo(tier);
        assertThat(offer.percentOff()).isEqualTo(percentOff);
        assertThat(offer.valueBasis()).isEqualTo(Basis.PREDICTED);
        assertThat(offer.likelihoodBasis()).isEqualTo(Basis.PREDICTED);
    }

    @ParameterizedTest(name = "{0} orders worth {1} -> {2} {3}%")
    @CsvSource({
            "6, 820.00, high_value_likely, 10",
            "3, 520.00, high_value_uncertain, 20",
            "1, 600.00, high_value_unlikely, 25",
            "4, 200.00, medium_value_likely, 5",
            "2, 90.00, low_value_uncertain, 10",
            "1, 35.00, low_value_unlikely, 5"})
    void withoutPredictionsTheOfferFollowsHistoricalRevenueAndOrders(int orders, String revenue, String tier,
            int percentOff) {
        Offer offer = offers.offer(Contact.builder("c").orders(orders, new BigDecimal(revenue)).build());

        assertThat(offer.tier()).isEqualTo(tier);
        assertThat(offer.percentOff()).isEqualTo(percentOff);
        assertThat(offer.valueBasis()).isEqualTo(Basis.HISTORICAL);
        assertThat(offer.likelihoodBasis()).isEqualTo(Basis.HISTORICAL);
    }

    @Test
    void eachBandFallsBackOnItsOwnWhenOnlyOnePredictionIsPublished() {
        Contact onlyAlive = Contact.builder("c").orders(1, new BigDecimal("700"))
                .attribute(WinBackOffers.PROBABILITY_ALIVE, new BigDecimal("0.6")).build();

        Offer offer = offers.offer(onlyAlive);

        assertThat(offer.tier()).isEqualTo("high_value_likely");
        assertThat(offer.valueBasis()).isEqualTo(Basis.HISTORICAL);
        assertThat(offer.likelihoodBasis()).isEqualTo(Basis.PREDICTED);
    }

    @Test
    void aStoreSetsItsOwnBands() {
        WinBackOffers smallTicket = new WinBackOffers(new OfferTiers(new BigDecimal("100"), new BigDecimal("30"),
                new BigDecimal("0.6"), new BigDecimal("0.3"), 3, 2));

        assertThat(smallTicket.offer(predicted("120", "0.5")).tier()).isEqualTo("high_value_uncertain");
        assertThat(offers.offer(predicted("120", "0.5")).tier()).isEqualTo("low_value_likely");
    }
}
