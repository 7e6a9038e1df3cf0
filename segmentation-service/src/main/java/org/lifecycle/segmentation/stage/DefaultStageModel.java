package org.lifecycle.segmentation.stage;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.segmentation.profile.ActivityLog;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileFacts;

/**
 * The lifecycle every company starts with (DESIGN.md, "The domain"): prospect, new customer, active, loyal, at risk,
 * lapsed. The rules are checked in a fixed order, first match wins: no order, lapsed, at risk, active or loyal, new
 * customer, and otherwise active (a returning customer). STAGES.md explains each rule to marketers.
 *
 * <p>
 * Windows are half-open at the old end: an order placed exactly N days ago is no longer "in the last N days", so
 * a customer turns {@code at_risk} at the very instant the 90th day after the last order is over.
 */
public final class DefaultStageModel implements StageModel {

    public static final String PROSPECT = "prospect";
    public static final String NEW_CUSTOMER = "new_customer";
    public static final String ACTIVE = "active";
    public static final String LOYAL = "loyal";
    public static final String AT_RISK = "at_risk";
    public static final String LAPSED = "lapsed";

    private static final List<String> STAGES = List.of(PROSPECT, NEW_CUSTOMER, ACTIVE, LOYAL, AT_RISK, LAPSED);

    private final int version;
    private final StageThresholds thresholds;

    public DefaultStageModel(int version, StageThresholds thresholds) {
        this.version = version;
        this.thresholds = thresholds;
    }

    /**
     * Whether a move from one stage to another is a win-back success: an at-risk or lapsed customer ordered again.
     * The transition log marks it {@code reactivated}, which the campaign and analytics services count.
     */
    public static boolean isReactivation(String from, String to) {
        // equals rather than Set.contains: a customer's first evaluation comes from no stage (null).
        boolean fromWinBack = AT_RISK.equals(from) || LAPSED.equals(from);
        return fromWinBack && (NEW_CUSTOMER.equals(to) || ACTIVE.equals(to) || LOYAL.equals(to));
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public List<String> stages() {
        return STAGES;
    }

    @Override
    public StageDecision decide(ProfileFacts facts, Instant now) {
        // An order stamped after now (a shop clock running ahead) is not known yet at now; ignoring it keeps
        // decide(facts, t) what it would have been at t, which a replay of history relies on.
        List<OrderFact> orders = facts.orders().stream().filter(order -> !order.at().isAfter(now)).toList();
        if (orders.isEmpty()) {
            return new StageDecision(PROSPECT, "prospect: known, never bought", Map.of("orders", 0), null);
        }
        Instant first = orders.getFirst().at();
        Instant last = orders.getLast().at();
        List<OrderFact> window = inWindow(orders, now);

        Map<String, Object> known = new LinkedHashMap<>();
        known.put("orders", orders.size());
        known.put("first_order_at", first);
        known.put("last_order_at", last);
        known.put("days_since_last_order", Duration.between(last, now).toDays());
        known.put("orders_in_" + thresholds.activeWindowDays() + "_days", window.size());

        Instant lapsesAt = last.plus(Duration.ofDays(thresholds.lapsedDays()));
        if (!now.isBefore(lapsesAt)) {
            // Only a new order brings a lapsed customer back; time changes nothing more.
            return new StageDecision(LAPSED, "lapsed: no order for " + thresholds.lapsedDays() + " days", known,
                    null);
        }
        Instant atRiskAt = last.plus(Duration.ofDays(thresholds.atRiskDays()));
        if (!now.isBefore(atRiskAt)) {
            return new StageDecision(AT_RISK, "at_risk: no order for " + thresholds.atRiskDays() + " days", known,
                    lapsesAt);
        }
        if (window.size() >= thresholds.activeMinOrders()) {
            return activeOrLoyal(window, facts.activity(), now, atRiskAt, known);
        }
        Instant newUntil = first.plus(Duration.ofDays(thresholds.newCustomerDays()));
        if (now.isBefore(newUntil)) {
            return new StageDecision(NEW_CUSTOMER,
                    "new_customer: first order within " + thresholds.newCustomerDays() + " days", known,
                    earliest(newUntil, atRiskAt));
        }
        // Too few orders in the window to be active by count, yet neither new nor at risk: a customer who came
        // back after a long pause. Their latest order keeps them active until the at-risk mark.
        return new StageDecision(ACTIVE,
                "active: returning customer, ordered within " + thresholds.atRiskDays() + " days", known, atRiskAt);
    }

    private StageDecision activeOrLoyal(List<OrderFact> window, ActivityLog activity, Instant now, Instant atRiskAt,
            Map<String, Object> known) {
        if (window.size() >= thresholds.loyalMinOrders()) {
            return new StageDecision(LOYAL, "loyal: " + ordersRule(thresholds.loyalMinOrders()), known,
                    earliest(atRiskAt, countFallsBelow(window, thresholds.loyalMinOrders())));
        }

        Duration advocateWindow = Duration.ofDays(thresholds.advocateWindowDays());
        long advocacy = 0;
        Instant advocacyExpires = null;
        for (String event : thresholds.advocateEvents()) {
            advocacy += activity.countWithin(event, advocateWindow, now);
            advocacyExpires = earliest(advocacyExpires, activity.nextExpiry(event, advocateWindow, now));
        }
        known.put("advocate_events_in_" + thresholds.advocateWindowDays() + "_days", advocacy);

        Instant activeUntil = countFallsBelow(window, thresholds.activeMinOrders());
        if (advocacy > 0) {
            // The first advocate event to leave the window may not be the last one; the model then simply looks
            // again, which costs one evaluation and never misses the change.
            return new StageDecision(LOYAL,
                    "loyal: " + ordersRule(thresholds.activeMinOrders()) + " and a "
                            + String.join(" or ", thresholds.advocateEvents())
                            + " in the last " + thresholds.advocateWindowDays() + " days",
                    known, earliest(earliest(atRiskAt, activeUntil), advocacyExpires));
        }
        return new StageDecision(ACTIVE, "active: " + ordersRule(thresholds.activeMinOrders()), known,
                earliest(atRiskAt, activeUntil));
    }

    private String ordersRule(int minOrders) {
        return minOrders + " or more orders in the last " + thresholds.activeWindowDays() + " days";
    }

    /** The orders still counted in the active window at {@code now}, oldest first. */
    private List<OrderFact> inWindow(List<OrderFact> orders, Instant now) {
        Duration window = Duration.ofDays(thresholds.activeWindowDays());
        return orders.stream().filter(order -> order.at().plus(window).isAfter(now)).toList();
    }

    /**
     * When the count of window orders drops below {@code threshold} with no new order: orders leave the window
     * oldest first, so it is when the order at {@code size - threshold} leaves. Earlier departures change no stage.
     */
    private Instant countFallsBelow(List<OrderFact> window, int threshold) {
        return window.get(window.size() - threshold).at().plus(Duration.ofDays(thresholds.activeWindowDays()));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
