package org.lifecycle.contracts.event.commerce;

import java.util.List;

/**
 * Track event names of Segment's e-commerce spec v2. Stores already send these through Segment, Shopify and
 * WooCommerce integrations; stages, RFM and campaigns key on them, so a store's existing tracking works unchanged.
 */
public final class CommerceEvents {

    public static final String PRODUCTS_SEARCHED = "Products Searched";
    public static final String PRODUCT_LIST_VIEWED = "Product List Viewed";
    public static final String PRODUCT_VIEWED = "Product Viewed";
    public static final String PRODUCT_ADDED = "Product Added";
    public static final String PRODUCT_REMOVED = "Product Removed";
    public static final String CART_VIEWED = "Cart Viewed";
    public static final String CHECKOUT_STARTED = "Checkout Started";
    public static final String COUPON_APPLIED = "Coupon Applied";
    /** The event that makes a customer a buyer: stages, RFM and revenue count these. */
    public static final String ORDER_COMPLETED = "Order Completed";
    public static final String ORDER_REFUNDED = "Order Refunded";
    public static final String ORDER_CANCELLED = "Order Cancelled";

    /** Every name above, in the shopping funnel's order. */
    public static final List<String> ALL = List.of(PRODUCTS_SEARCHED, PRODUCT_LIST_VIEWED, PRODUCT_VIEWED,
            PRODUCT_ADDED, PRODUCT_REMOVED, CART_VIEWED, CHECKOUT_STARTED, COUPON_APPLIED, ORDER_COMPLETED,
            ORDER_REFUNDED, ORDER_CANCELLED);

    private CommerceEvents() {
    }
}
