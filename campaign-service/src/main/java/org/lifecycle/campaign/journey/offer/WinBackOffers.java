package org.lifecycle.campaign.journey.offer;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.Offer.Basis;
import org.lifecycle.campaign.journey.offer.Offer.Likelihood;
import org.lifecycle.campaign.journey.offer.Offer.ValueBand;

/**
 * Sizes the win-back offer by what the customer is worth and how likely they are to buy again on their own
 * (JOURNEYS.md, "Offers"). The discount grows with value, since more is at stake, and with how unlikely the customer
 * is to come back unprompted, since a likely buyer needs only a reminder; a low-value customer who is unlikely to come
 * back gets a token offer, because a large one would cost more than it could win back.
 */
public final class WinBackOffers {

    /** The published attribute with the customer's predicted lifetime value. */
    public static final String PREDICTED_CLV = "predicted_clv";
    /** The published attribute with the probability that the customer is still "alive" (will buy again). */
    public static final String PROBABILITY_ALIVE = "probability_alive";

    /** Percent off by value band and likelihood. */
    private static final Map<ValueBand, Map<Likelihood, Integer>> PERCENT_OFF = Map.of(
            ValueBand.HIGH, Map.of(Likelihood.LIKELY, 10, Likelihood.UNCERTAIN, 20, Likelihood.UNLIKELY, 25),
            ValueBand.MEDIUM, Map.of(Likelihood.LIKELY, 5, Likelihood.UNCERTAIN, 15, Likelihood.UNLIKELY, 15),
            ValueBand.LOW, Map.of(Likelihood.LIKELY, 0, Likelihood.UNCERTAIN, 10, Likelihood.UNLIKELY, 5));

    private final OfferTiers tiers;

    public WinBackOffers(OfferTiers tiers) {
        this.tiers = Objects.requireNonNull(tiers, "tiers");
    }

    public Offer offer(Contact contact) {
        Optional<BigDecimal> predictedValue = contact.attribute(PREDICTED_CLV);
        BigDecimal value = predictedValue.orElse(contact.revenue());
        ValueBand band = value.compareTo(tiers.highValue()) >= 0
                ? ValueBand.HIGH
                : value.compareTo(tiers.mediumValue()) >= 0 ? ValueBand.MEDIUM : ValueBand.LOW;

        Optional<BigDecimal> probability = contact.attribute(PROBABILITY_ALIVE);
        Likelihood likelihood = probability.map(this::likelihood).orElseGet(() -> likelihood(contact.orders()));

        return new Offer(PERCENT_OFF.get(band).get(likelihood), band, likelihood,
                predictedValue.isPresent() ? Basis.PREDICTED : Basis.HISTORICAL,
                probability.isPresent() ? Basis.PREDICTED : Basis.HISTORICAL);
    }

    private Likelihood likelihood(BigDecimal probability) {
        if (probability.compareTo(tiers.likely()) >= 0) {
            return Likelihood.LIKELY;
        }
        return probability.compareTo(tiers.uncertain()) >= 0 ? Likelihood.UNCERTAIN : Likelihood.UNLIKELY;
    }

    /** Without a prediction, repeat buyers are the ones who come back: the more orders, the likelier. */
    private Likelihood likelihood(int orders) {
        if (orders >= tiers.likelyOrders()) {
            return Likelihood.LIKELY;
        }
        return orders >= tiers.uncertainOrders() ? Likelihood.UNCERTAIN : Likelihood.UNLIKELY;
    }
}
