package org.lifecycle.contracts.event.commerce;

import java.math.BigDecimal;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.PropertyValues;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A product as Segment's e-commerce spec describes it: the properties of {@code Product Viewed} / {@code Added} /
 * {@code Removed}, and each entry of an order's {@code products}. Cross-sell ("bought X, also bought Y") and
 * abandoned-cart messages read it. Every field may be {@code null}: stores send what they have.
 */
public record Product(
        @JsonProperty("product_id") String productId,
        @JsonProperty("sku") String sku,
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("brand") String brand,
        @JsonProperty("variant") String variant,
        @JsonProperty("price") BigDecimal price,
        @JsonProperty("quantity") Integer quantity,
        @JsonProperty("coupon") String coupon,
        @JsonProperty("position") Integer position,
        @JsonProperty("url") String url,
        @JsonProperty("image_url") String imageUrl) {

    /** The product described by a properties object; never throws, odd fields read as {@code null}. */
    public static Product from(ObjectNode properties) {
        return new Product(
                PropertyValues.text(properties, "product_id"),
                PropertyValues.text(properties, "sku"),
                PropertyValues.text(properties, "category"),
                PropertyValues.text(properties, "name"),
                PropertyValues.text(properties, "brand"),
                PropertyValues.text(properties, "variant"),
                PropertyValues.decimal(properties, "price"),
                PropertyValues.integer(properties, "quantity"),
                PropertyValues.text(properties, "coupon"),
                PropertyValues.integer(properties, "position"),
                PropertyValues.text(properties, "url"),
                PropertyValues.text(properties, "image_url"));
    }

    /**
     * Price times quantity, a missing quantity counting as one as Segment's spec implies; {@code null} without a
     * price.
     */
    public BigDecimal lineTotal() {
        if (price == null) {
            return null;
        }
        return quantity == null ? price : price.multiply(BigDecimal.valueOf(quantity));
    }

    /** The product as Segment properties, for services that emit product events themselves. */
    public ObjectNode toProperties() {
        return LifecycleJson.mapper().valueToTree(this);
    }
}
