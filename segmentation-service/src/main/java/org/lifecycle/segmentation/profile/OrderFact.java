package org.lifecycle.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One order a customer completed, as the profile keeps it: enough for stages, RFM and segments without the event.
 *
 * @param orderId the shop's order id; a second {@code Order Completed} with the same id is the same order
 * @param at the order's event time
 * @param value what the order was worth (see {@code Order.value()}), less what was refunded against it
 * @param refunded whether refunds against this order reached its value; a refunded order no longer counts
 * @param productIds the ids of the products bought, for cross-sell and "bought product X" rules
 */
public record OrderFact(String orderId, Instant at, BigDecimal value, boolean refunded, List<String> productIds) {

    public OrderFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(value, "value");
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }

    /** This order after a refund of {@code amount}: its value drops, and it stops counting once nothing is left. */
    public OrderFact refund(BigDecimal amount) {
        BigDecimal left = value.subtract(amount.abs());
        boolean fully = left.signum() <= 0;
        return new OrderFact(orderId, at, fully ? BigDecimal.ZERO : left, fully, productIds);
    }
}
