package org.lifecycle.system.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.lifecycle.system.retail.RetailHistory.Order;

/**
 * segmentation-service/STAGES.md written out again, independently of the service's code, for the default stage
 * model with its default thresholds and the RFM map: the reference a system test compares the service with.
 * Every order counts here (nothing is refunded against an order in the data this is used with), at its value but
 * never below zero.
 */
final class LifecycleRules {

    static final List<String> STAGES = List.of("prospect", "new_customer", "active", "loyal", "at_risk", "lapsed");
    static final List<String> RFM_GROUPS = List.of("champions", "loyalists", "recent_customers", "high_potential",
            "needs_nurturing", "at_risk", "cant_lose", "about_to_lose");

    private static final Duration NEW_CUSTOMER_PERIOD = Duration.ofDays(90);
    private static final Duration AT_RISK_AFTER = Duration.ofDays(90);
    private static final Duration LAPSED_AFTER = Duration.ofDays(365);
    private static final Duration WINDOW = Duration.ofDays(365);
    private static final int ACTIVE_ORDERS = 2;
    private static final int LOYAL_ORDERS = 4;
    private static final long MIN_RETURNING_CUSTOMERS = 100;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final int AVERAGE_DECIMALS = 4;

    /**
     * The grid of STAGES.md, row by recency band (1 first), columns: f ≥ 3 high, f ≥ 3 low, f = 2 high, f = 2 low,
     * f ≤ 1 high, f ≤ 1 low.
     */
    private static final String[][] GRID = {
            {"champions", "loyalists", "loyalists", "loyalists", "high_potential", "recent_customers"},
            {"loyalists", "loyalists", "loyalists", "needs_nurturing", "high_potential", "needs_nurturing"},
            {"cant_lose", "at_risk", "at_risk", "at_risk", "about_to_lose", "about_to_lose"},
            {"cant_lose", "at_risk", "cant_lose", "at_risk", "about_to_lose", "about_to_lose"}};

    /**
     * The RFM map's lines: recency edges in days and the store's average order value, with what they came from.
     *
     * @param storeAverage {@code null} when the store has no order
     */
    record Thresholds(int band1Days, int band2Days, int band3Days, BigDecimal storeAverage, boolean derived,
            long returningCustomers, double medianRepeatIntervalDays) {
    }

    private LifecycleRules() {
    }

    /** The default model's stage at {@code now}, rules checked top to bottom, the first that matches decides. */
    static String stage(List<Order> allOrders, Instant now) {
        List<Order> orders = knownAt(allOrders, now);
        if (orders.isEmpty()) {
            return "prospect";
        }
        Instant first = orders.getFirst().at();
        Instant last = orders.getLast().at();
        if (!now.isBefore(last.plus(LAPSED_AFTER))) {
            return "lapsed";
        }
        if (!now.isBefore(last.plus(AT_RISK_AFTER))) {
            return "at_risk";
        }
        long inWindow = inWindow(orders, now);
        if (inWindow >= ACTIVE_ORDERS) {
            // No Product Reviewed or Referral Completed is ever sent by the replay: loyal only by orders.
            return inWindow >= LOYAL_ORDERS ? "loyal" : "active";
        }
        if (now.isBefore(first.plus(NEW_CUSTOMER_PERIOD))) {
            return "new_customer";
        }
        return "active";
    }

    /**
     * The thresholds derived from the store's orders, one list per customer: with 100 returning customers (two
     * orders or more) or more, edges of i, 2i and 4i days where i is the median of every gap between a returning
     * customer's consecutive orders, pooled, in whole days (at least 1); below that the fallback 40, 90, 180. The
     * store's average order value is its revenue over its orders either way.
     */
    static Thresholds derive(Collection<List<Order>> ordersPerCustomer) {
        List<Double> gaps = new ArrayList<>();
        long returning = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        long orders = 0;
        for (List<Order> customerOrders : ordersPerCustomer) {
            for (Order order : customerOrders) {
                revenue = revenue.add(value(order));
                orders++;
            }
            if (customerOrders.size() >= 2) {
                returning++;
                for (int i = 1; i < customerOrders.size(); i++) {
                    gaps.add(Duration.between(customerOrders.get(i - 1).at(), customerOrders.get(i).at()).toSeconds()
                            / SECONDS_PER_DAY);
                }
            }
        }
        BigDecimal storeAverage = orders == 0 ? null : average(revenue, orders);
        double median = median(gaps);
        if (returning < MIN_RETURNING_CUSTOMERS) {
            return new Thresholds(40, 90, 180, storeAverage, false, returning, median);
        }
        int interval = (int) Math.max(1, Math.round(median));
        return new Thresholds(interval, 2 * interval, 4 * interval, storeAverage, true, returning, median);
    }

    /** The customer's RFM group at {@code now}; {@code null} without an order (not on the map). */
    static String rfmGroup(List<Order> allOrders, Thresholds thresholds, Instant now) {
        List<Order> orders = knownAt(allOrders, now);
        if (orders.isEmpty()) {
            return null;
        }
        long recencyDays = Duration.between(orders.getLast().at(), now).toDays();
        int band = recencyDays < thresholds.band1Days()
                ? 1
                : recencyDays < thresholds.band2Days() ? 2 : recencyDays < thresholds.band3Days() ? 3 : 4;
        long frequency = inWindow(orders, now);
        BigDecimal revenue = orders.stream().map(LifecycleRules::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean high = thresholds.storeAverage() == null
                || average(revenue, orders.size()).compareTo(thresholds.storeAverage()) >= 0;
        int column = (frequency >= 3 ? 0 : frequency == 2 ? 2 : 4) + (high ? 0 : 1);
        return GRID[band - 1][column];
    }

    /** Orders stamped after {@code now} are not known yet at {@code now}. */
    private static List<Order> knownAt(List<Order> orders, Instant now) {
        return orders.stream().filter(order -> !order.at().isAfter(now)).toList();
    }

    /** Orders in the last 365 days: one placed exactly 365 days ago has left the window. */
    private static long inWindow(List<Order> orders, Instant now) {
        return orders.stream().filter(order -> order.at().plus(WINDOW).isAfter(now)).count();
    }

    /** What an order counts for: its value, a negative total counting as nothing. */
    private static BigDecimal value(Order order) {
        return order.value().max(BigDecimal.ZERO);
    }

    /** Averages to four decimals, half to even, the same for a customer and the store. */
    private static BigDecimal average(BigDecimal total, long count) {
        return total.divide(BigDecimal.valueOf(count), AVERAGE_DECIMALS, RoundingMode.HALF_EVEN);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
