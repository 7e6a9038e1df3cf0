package org.lifecycle.system.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The default stage model of segmentation-service/STAGES.md, as the retail test's {@code LifecycleRules} writes it
 * out again (independently of the service's code), for customers whose only facts are identify calls and orders: no
 * refund, no review, no referral. Kept here, beside the fault test, so that the two tests' references stay separate.
 */
final class StageRules {

    private static final Duration NEW_CUSTOMER_PERIOD = Duration.ofDays(90);
    private static final Duration AT_RISK_AFTER = Duration.ofDays(90);
    private static final Duration LAPSED_AFTER = Duration.ofDays(365);
    private static final Duration WINDOW = Duration.ofDays(365);
    private static final int ACTIVE_ORDERS = 2;
    private static final int LOYAL_ORDERS = 4;

    private StageRules() {
    }

    /** The stage at {@code now} of a customer with orders at {@code orderTimes}; rules top to bottom, first wins. */
    static String stage(List<Instant> orderTimes, Instant now) {
        List<Instant> orders = orderTimes.stream().filter(at -> !at.isAfter(now)).sorted().toList();
        if (orders.isEmpty()) {
            return "prospect";
        }
        Instant first = orders.getFirst();
        Instant last = orders.getLast();
        if (!now.isBefore(last.plus(LAPSED_AFTER))) {
            return "lapsed";
        }
        if (!now.isBefore(last.plus(AT_RISK_AFTER))) {
            return "at_risk";
        }
        long inWindow = orders.stream().filter(at -> at.plus(WINDOW).isAfter(now)).count();
        if (inWindow >= ACTIVE_ORDERS) {
            return inWindow >= LOYAL_ORDERS ? "loyal" : "active";
        }
        if (now.isBefore(first.plus(NEW_CUSTOMER_PERIOD))) {
            return "new_customer";
        }
        return "active";
    }
}
