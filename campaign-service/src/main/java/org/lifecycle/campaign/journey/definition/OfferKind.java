package org.lifecycle.campaign.journey.definition;

import java.util.Arrays;
import java.util.Optional;

/** The offers a send step can carry, computed for the customer when the step runs. */
public enum OfferKind {

    /** A discount sized by the customer's value and probability of buying again (JOURNEYS.md, "Offers"). */
    WIN_BACK("win_back");

    private final String key;

    OfferKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<OfferKind> fromKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }
}
