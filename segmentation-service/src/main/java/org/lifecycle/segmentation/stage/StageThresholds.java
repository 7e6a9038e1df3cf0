package org.lifecycle.segmentation.stage;

import java.util.List;

/**
 * The numbers the {@link DefaultStageModel} decides with, all in days or order counts, so a company can tune the
 * default model without writing rules of its own.
 *
 * @param newCustomerDays a customer whose first order is younger than this is a {@code new_customer}
 * @param activeMinOrders orders within {@code activeWindowDays} that make a customer {@code active}
 * @param activeWindowDays the window orders are counted in, for {@code active} and {@code loyal}
 * @param atRiskDays a customer with no order for this long is {@code at_risk}
 * @param lapsedDays a customer with no order for this long is {@code lapsed}
 * @param loyalMinOrders orders within {@code activeWindowDays} that make an active customer {@code loyal}
 * @param advocateEvents events that make an active customer {@code loyal} on their own (a review, a referral)
 * @param advocateWindowDays how long an advocate event keeps counting
 */
public record StageThresholds(int newCustomerDays, int activeMinOrders, int activeWindowDays, int atRiskDays,
        int lapsedDays, int loyalMinOrders, List<String> advocateEvents, int advocateWindowDays) {

    public StageThresholds {
        requirePositive("newCustomerDays", newCustomerDays);
        requirePositive("activeMinOrders", activeMinOrders);
        requirePositive("activeWindowDays", activeWindowDays);
        requirePositive("atRiskDays", atRiskDays);
        requirePositive("lapsedDays", lapsedDays);
        requirePositive("loyalMinOrders", loyalMinOrders);
        requirePositive("advocateWindowDays", advocateWindowDays);
        // Either mix-up would leave a stage no customer can ever reach; better to refuse it at start-up.
        if (atRiskDays >= lapsedDays) {
            throw new IllegalArgumentException(
                    "atRiskDays (" + atRiskDays + ") must be less than lapsedDays (" + lapsedDays + ")");
        }
        if (loyalMinOrders < activeMinOrders) {
            throw new IllegalArgumentException("loyalMinOrders (" + loyalMinOrders
                    + ") must be at least activeMinOrders (" + activeMinOrders + ")");
        }
        advocateEvents = advocateEvents == null ? List.of() : List.copyOf(advocateEvents);
    }

    /** The thresholds DESIGN.md describes. */
    public static StageThresholds defaults() {
        return new StageThresholds(90, 2, 365, 90, 365, 4, List.of("Product Reviewed", "Referral Completed"), 365);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
