package org.lifecycle.contracts.event.commerce;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.PropertyValues;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An order as Segment's e-commerce spec describes it: the properties of {@code Order Completed},
 * {@code Order Refunded} and {@code Checkout Started}. Stages, RFM's monetary score, lifetime value and campaign
 * revenue all read its {@link #value()}, so they agree on what an order was worth.
 */
public record Order(
        @JsonProperty("order_id") String orderId,
        @JsonProperty("checkout_id") String checkoutId,
        @JsonProperty("affiliation") String affiliation,
        @JsonProperty("total") BigDecimal total,
        @JsonProperty("subtotal") BigDecimal subtotal,
        @JsonProperty("revenue") BigDecimal revenue,
        @JsonProperty("shipping") BigDecimal shipping,
        @JsonProperty("tax") BigDecimal tax,
        @JsonProperty("discount") BigDecimal discount,
        @JsonProperty("coupon") String coupon,
        @JsonProperty("currency") String currency,
        @JsonProperty("products") List<Product> products) {

    public Order {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** The order described by a properties object; never throws, odd fields read as {@code null}. */
    public static Order from(ObjectNode properties) {
        return new Order(
                PropertyValues.text(properties, "order_id"),
                PropertyValues.text(properties, "checkout_id"),
                PropertyValues.text(properties, "affiliation"),
                PropertyValues.decimal(properties, "total"),
                PropertyValues.decimal(properties, "subtotal"),
                PropertyValues.decimal(properties, "revenue"),
                PropertyValues.decimal(properties, "shipping"),
                PropertyValues.decimal(properties, "tax"),
                PropertyValues.decimal(properties, "discount"),
                PropertyValues.text(properties, "coupon"),
                PropertyValues.text(properties, "currency"),
                PropertyValues.objects(properties, "products").stream().map(Product::from).toList());
    }

    /**
     * What the order was worth: {@code revenue} (Segment's measure, without shipping and tax), else {@code total},
     * else the sum of the products' price times quantity. Zero when the order states no amount at all, so sums over
     * orders never break on one incomplete event.
     */
    public BigDecimal value() {
        if (revenue != null) {
            return revenue;
        }
        if (total != null) {
            return total;
        }
        return products.stream().map(Product::lineTotal).filter(Objects::nonNull).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    /** The order as Segment properties, for tests and services that emit order events themselves. */
    public ObjectNode toProperties() {
        return LifecycleJson.mapper().valueToTree(this);
    }
}
