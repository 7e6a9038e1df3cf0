package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileFacts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The orders an order condition looks at: those placed at or before {@code now} and, with {@code within_days N}, less
 * than N days ago. An order at {@code t} enters at {@code t} and leaves at {@code t + N days}, exactly, because orders
 * keep their own time (unlike events, which are kept by the hour).
 *
 * @param days the window in days, {@code null} for every order
 */
public record OrderWindow(Integer days) {

    public static final OrderWindow EVER = new OrderWindow(null);

    public OrderWindow {
        if (days != null && (days < 1 || days > Rule.MAX_WITHIN_DAYS)) {
            throw new IllegalArgumentException("within_days must be 1.." + Rule.MAX_WITHIN_DAYS + ", was " + days);
        }
    }

    /** How many orders are in the window and what they are worth. */
    record Totals(long count, BigDecimal revenue) {

        static final Totals NONE = new Totals(0, BigDecimal.ZERO);

        Totals plus(Totals other) {
            return new Totals(count + other.count, revenue.add(other.revenue));
        }

        Totals minus(Totals other) {
            return new Totals(count - other.count, revenue.subtract(other.revenue));
        }
    }

    boolean contains(OrderFact order, Instant now) {
        return !order.at().isAfter(now) && (days == null || now.isBefore(leaves(order)));
    }

    Totals totals(ProfileFacts facts, Instant now) {
        Totals totals = Totals.NONE;
        for (OrderFact order : facts.orders()) {
            if (contains(order, now)) {
                totals = totals.plus(of(order));
            }
        }
        return totals;
    }

    /**
     * The first moment after {@code now} at which orders entering or leaving the window flip {@code test}, or
     * {@code null}. Walking the moments in order gives the exact answer, so a customer with five orders in the
     * window is not re-evaluated as each of the first three leaves.
     */
    Instant nextChange(ProfileFacts facts, Instant now, Predicate<Totals> test) {
        TreeMap<Instant, Totals> entering = new TreeMap<>();
        TreeMap<Instant, Totals> leaving = new TreeMap<>();
        for (OrderFact order : facts.orders()) {
            if (order.at().isAfter(now)) {
                // A clock-skewed or replayed order dated after now starts counting at its own time.
                entering.merge(order.at(), of(order), Totals::plus);
            }
            if (days != null && leaves(order).isAfter(now)) {
                leaving.merge(leaves(order), of(order), Totals::plus);
            }
        }
        Totals current = totals(facts, now);
        boolean initially = test.test(current);
        TreeMap<Instant, Totals> moments = new TreeMap<>(entering);
        leaving.keySet().forEach(moment -> moments.putIfAbsent(moment, Totals.NONE));
        for (Map.Entry<Instant, Totals> moment : moments.entrySet()) {
            current = current.plus(moment.getValue()).minus(leaving.getOrDefault(moment.getKey(), Totals.NONE));
            if (test.test(current) != initially) {
                return moment.getKey();
            }
        }
        return null;
    }

    /** {@code in the last 365 days}, or {@code in total}. */
    String words() {
        return days == null ? "in total" : RuleWords.lastDays(days);
    }

    /** Adds {@code "within_days": N} to a condition with a window. */
    void writeTo(ObjectNode node) {
        if (days != null) {
            node.put("within_days", days);
        }
    }

    private Instant leaves(OrderFact order) {
        return order.at().plus(Duration.ofDays(days));
    }

    private static Totals of(OrderFact order) {
        return new Totals(1, order.value());
    }
}
