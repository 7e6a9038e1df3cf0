package org.lifecycle.campaign.journey.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The optional global control group: a share of all customers who get no journey at all and are tracked in every
 * journey they would have entered, so the whole programme's lift can be measured. The same customers across all
 * journeys; a new {@code salt} draws a new group.
 *
 * @param percent the share of customers, 0 (no global control, the default) to below 100
 */
public record GlobalControl(BigDecimal percent, String salt) {

    public GlobalControl {
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(salt, "salt");
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("percent must be from 0 to below 100, was " + percent);
        }
    }

    public static GlobalControl none() {
        return new GlobalControl(BigDecimal.ZERO, "");
    }

    public boolean contains(String customerKey) {
        return Assignments.inGlobalControl(salt, customerKey, percent);
    }
}
