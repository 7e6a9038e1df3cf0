package org.lifecycle.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What stage models, the RFM map and segment rules may read of a customer: a read-only view of the profile, so the
 * rules are plain functions of facts and a moment ({@code now}), testable without a database.
 */
public interface ProfileFacts {

    String profileId();

    /** The latest value of every trait the customer was identified with (latest by event time wins). */
    ObjectNode traits();

    /**
     * A trait by dotted path ({@code address.city}); the top-level fields {@code email}, {@code phone},
     * {@code timezone} resolve to the profile's own. {@code null} when absent.
     */
    default JsonNode trait(String path) {
        JsonNode node = traits();
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    String email();

    String phone();

    /** The IANA time zone, e.g. {@code Europe/Paris}; {@code null} when unknown. */
    String timeZone();

    /** Consent per channel ({@code email}, {@code sms}, {@code push}): true, false, or absent when never stated. */
    Map<String, Boolean> consent();

    Instant firstSeen();

    Instant lastSeen();

    /** The orders that count (not fully refunded), oldest first. */
    List<OrderFact> orders();

    /** Refunded amounts that matched no known order (a cancellation invoice of its own). */
    BigDecimal unmatchedRefunds();

    /** What the customer did, per event name, in hourly buckets. */
    ActivityLog activity();

    /**
     * A numeric attribute another service published (e.g. {@code predicted_clv}, {@code probability_alive}).
     */
    OptionalDouble attribute(String name);

    /**
     * The customer's score under a scoring plan, by the plan's key; empty when no plan of that key is in force.
     */
    default OptionalDouble score(String plan) {
        return OptionalDouble.empty();
    }

    /** The current lifecycle stage key, {@code null} before the first evaluation. */
    String stage();

    Instant stageSince();

    /** The current RFM group key ({@code champions}, ...), {@code null} for a customer with no order. */
    String rfmGroup();

    default Instant firstOrderAt() {
        List<OrderFact> orders = orders();
        return orders.isEmpty() ? null : orders.getFirst().at();
    }

    default Instant lastOrderAt() {
        List<OrderFact> orders = orders();
        return orders.isEmpty() ? null : orders.getLast().at();
    }

    /** Orders with {@code from <= at < to}. */
    default int ordersBetween(Instant from, Instant to) {
        int count = 0;
        for (OrderFact order : orders()) {
            if (!order.at().isBefore(from) && order.at().isBefore(to)) {
                count++;
            }
        }
        return count;
    }

    /** The value of the orders with {@code from <= at < to}. */
    default BigDecimal revenueBetween(Instant from, Instant to) {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderFact order : orders()) {
            if (!order.at().isBefore(from) && order.at().isBefore(to)) {
                total = total.add(order.value());
            }
        }
        return total;
    }

    /** The value of every counted order. */
    default BigDecimal lifetimeRevenue() {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderFact order : orders()) {
            total = total.add(order.value());
        }
        return total;
    }
}
