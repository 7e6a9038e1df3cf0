package org.lifecycle.campaign.journey.offer;

import java.util.Locale;
import java.util.Objects;

/**
 * The win-back offer for one customer, as a message template shows it.
 *
 * @param percentOff the discount, 0 for a reminder without one
 * @param value the customer's value band
 * @param likelihood how likely the customer is to buy again on their own
 * @param valueBasis whether the value band was read from {@code predicted_clv} or from historical revenue
 * @param likelihoodBasis whether the likelihood was read from {@code probability_alive} or from the number of orders
 */
public record Offer(int percentOff, ValueBand value, Likelihood likelihood, Basis valueBasis, Basis likelihoodBasis) {

    public Offer {
        if (percentOff < 0 || percentOff > 100) {
            throw new IllegalArgumentException("percentOff must be from 0 to 100, was " + percentOff);
        }
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(valueBasis, "valueBasis");
        Objects.requireNonNull(likelihoodBasis, "likelihoodBasis");
    }

    /** The tier's name, e.g. {@code high_value_unlikely}: templates and analytics group by it. */
    public String tier() {
        return value.key() + "_value_" + likelihood.key();
    }

    public enum ValueBand {
        HIGH, MEDIUM, LOW;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Likelihood {
        LIKELY, UNCERTAIN, UNLIKELY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a band was read from a published prediction or, in its absence, from the customer's history. */
    public enum Basis {
        PREDICTED, HISTORICAL
    }
}
