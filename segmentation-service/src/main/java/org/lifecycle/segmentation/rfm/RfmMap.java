package org.lifecycle.segmentation.rfm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileFacts;

import static org.lifecycle.segmentation.rfm.RfmGroup.ABOUT_TO_LOSE;
import static org.lifecycle.segmentation.rfm.RfmGroup.AT_RISK;
import static org.lifecycle.segmentation.rfm.RfmGroup.CANT_LOSE;
import static org.lifecycle.segmentation.rfm.RfmGroup.CHAMPIONS;
import static org.lifecycle.segmentation.rfm.RfmGroup.HIGH_POTENTIAL;
import static org.lifecycle.segmentation.rfm.RfmGroup.LOYALISTS;
import static org.lifecycle.segmentation.rfm.RfmGroup.NEEDS_NURTURING;
import static org.lifecycle.segmentation.rfm.RfmGroup.RECENT_CUSTOMERS;

/**
 * The Omnisend-style RFM map: recency (days since the last order) in four bands, frequency (orders in the last 365
 * days) and monetary value (the customer's average order against the store's) place each customer in one of eight
 * groups. The grid is in STAGES.md.
 */
public final class RfmMap {

    private static final Duration FREQUENCY_WINDOW = Duration.ofDays(365);

    /** Four decimals: finer than the minor unit of any currency, so rounding never decides high or low value. */
    private static final int AVERAGE_SCALE = 4;

    private RfmMap() {
    }

    /** Places a customer on the map at {@code now}. */
    public static RfmScore classify(ProfileFacts facts, RfmThresholds thresholds, Instant now) {
        // As in the stage model: an order stamped after now is not known yet at now.
        List<OrderFact> orders = facts.orders().stream().filter(order -> !order.at().isAfter(now)).toList();
        if (orders.isEmpty()) {
            return new RfmScore(null, null, 0, null, null, false, "no order: not on the RFM map", Map.of("orders", 0),
                    null);
        }
        Instant last = orders.getLast().at();
        long recencyDays = Duration.between(last, now).toDays();
        int band = thresholds.band(recencyDays);
        List<OrderFact> window = orders.stream().filter(order -> order.at().plus(FREQUENCY_WINDOW).isAfter(now))
                .toList();
        int frequency = window.size();
        BigDecimal total = orders.stream().map(OrderFact::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal monetary = average(total, orders.size());
        BigDecimal storeAverage = thresholds.storeAverageOrderValue();
        boolean highValue = storeAverage == null || monetary.compareTo(storeAverage) >= 0;

        Cell cell = cell(band, frequency, highValue);
        String rule = cell.group().key() + ": last order " + recencyText(band, thresholds) + ", " + cell.frequency()
                + " in the last " + FREQUENCY_WINDOW.toDays() + " days"
                + (cell.readsValue() ? ", " + valueText(highValue, storeAverage) : "");

        Map<String, Object> known = new LinkedHashMap<>();
        known.put("recency_days", recencyDays);
        known.put("recency_band", band);
        known.put("orders_in_" + FREQUENCY_WINDOW.toDays() + "_days", frequency);
        known.put("average_order_value", monetary);
        if (storeAverage != null) {
            known.put("store_average_order_value", storeAverage);
        }
        known.put("recency_edges_days", thresholds.band1Days() + "/" + thresholds.band2Days() + "/"
                + thresholds.band3Days() + (thresholds.derived() ? " (derived)" : " (fallback)"));

        return new RfmScore(cell.group(), recencyDays, frequency, monetary, band, highValue, rule, known,
                nextChange(last, window, thresholds, now));
    }

    /** An average order value, rounded the same way for a customer and for the store so the two compare fairly. */
    static BigDecimal average(BigDecimal total, long orders) {
        return total.divide(BigDecimal.valueOf(orders), AVERAGE_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * The grid. Rows are recency bands, most recent first; within a row, the more orders and the higher the value,
     * the better the group. Frequency is read as "3 or more", "2" and "at most 1".
     */
    private static Cell cell(int band, int frequency, boolean high) {
        return switch (band) {
            case 1 -> {
                if (frequency >= 3 && high) {
                    yield new Cell(CHAMPIONS, "3 or more orders", true);
                }
                if (frequency >= 2) {
                    yield new Cell(LOYALISTS, "2 or more orders", false);
                }
                yield new Cell(high ? HIGH_POTENTIAL : RECENT_CUSTOMERS, "at most 1 order", true);
            }
            case 2 -> {
                if (frequency >= 3) {
                    yield new Cell(LOYALISTS, "3 or more orders", false);
                }
                if (frequency == 2) {
                    yield new Cell(high ? LOYALISTS : NEEDS_NURTURING, "2 orders", true);
                }
                yield new Cell(high ? HIGH_POTENTIAL : NEEDS_NURTURING, "at most 1 order", true);
            }
            case 3 -> {
                if (frequency >= 3 && high) {
                    yield new Cell(CANT_LOSE, "3 or more orders", true);
                }
                if (frequency >= 2) {
                    yield new Cell(AT_RISK, "2 or more orders", false);
                }
                yield new Cell(ABOUT_TO_LOSE, "at most 1 order", false);
            }
            case 4 -> {
                if (frequency >= 2) {
                    yield new Cell(high ? CANT_LOSE : AT_RISK, "2 or more orders", true);
                }
                yield new Cell(ABOUT_TO_LOSE, "at most 1 order", false);
            }
            default -> throw new IllegalArgumentException("recency band " + band);
        };
    }

    private static String recencyText(int band, RfmThresholds thresholds) {
        return switch (band) {
            case 1 -> "under " + thresholds.band1Days() + " days ago";
            case 2 -> thresholds.band1Days() + " to " + (thresholds.band2Days() - 1) + " days ago";
            case 3 -> thresholds.band2Days() + " to " + (thresholds.band3Days() - 1) + " days ago";
            default -> thresholds.band3Days() + " or more days ago";
        };
    }

    private static String valueText(boolean high, BigDecimal storeAverage) {
        if (storeAverage == null) {
            return "no store average order value to compare with yet";
        }
        return high ? "average order at or above the store's" : "average order below the store's";
    }

    /**
     * The first moment the customer moves to the next recency band, or an order leaves the frequency window, and
     * so the score changes. Every departure counts, not only those that change the group: frequency is part of the
     * score that segments read.
     */
    private static Instant nextChange(Instant last, List<OrderFact> window, RfmThresholds thresholds, Instant now) {
        Instant next = null;
        for (int edge : new int[]{thresholds.band1Days(), thresholds.band2Days(), thresholds.band3Days()}) {
            Instant crossing = last.plus(Duration.ofDays(edge));
            if (crossing.isAfter(now)) {
                next = crossing;
                break;
            }
        }
        if (!window.isEmpty()) {
            Instant firstDeparture = window.getFirst().at().plus(FREQUENCY_WINDOW);
            next = next == null || firstDeparture.isBefore(next) ? firstDeparture : next;
        }
        return next;
    }

    /**
     * A cell of the grid: its group, how the cell's frequency condition reads, and whether the cell depends on value
     * (so the rule mentions it).
     */
    private record Cell(RfmGroup group, String frequency, boolean readsValue) {
    }
}
