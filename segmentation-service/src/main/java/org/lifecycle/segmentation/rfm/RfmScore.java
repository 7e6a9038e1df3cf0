package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a customer sits on the RFM map at one moment, and why.
 *
 * @param group the group; {@code null} for a customer with no order, who is not on the map
 * @param recencyDays whole days since the last order; {@code null} with no order
 * @param frequency orders in the last 365 days
 * @param monetary the customer's average order value over all counted orders; {@code null} with no order
 * @param recencyBand 1 (most recent) to 4; {@code null} with no order
 * @param highValue whether the customer's average order is at least the store's (always, when the store's is
 *        unknown)
 * @param rule the cell of the grid that matched, in words, e.g.
 *        {@code champions: last order under 40 days ago, 3 or more orders in the last 365 days, average order at or above the store's}
 * @param facts the numbers the cell was chosen on, by name, for explanations
 * @param nextChange the next moment after {@code now} at which the recency band or the frequency changes with no
 *        new order; {@code null} when none will
 */
public record RfmScore(RfmGroup group, Long recencyDays, int frequency, BigDecimal monetary, Integer recencyBand,
        boolean highValue, String rule, Map<String, Object> facts, Instant nextChange) {

    public RfmScore {
        Objects.requireNonNull(rule, "rule");
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
