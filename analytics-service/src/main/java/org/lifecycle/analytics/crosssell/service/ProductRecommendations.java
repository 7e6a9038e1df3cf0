package org.lifecycle.analytics.crosssell.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * "Customers who bought X also bought Y" for one product.
 *
 * @param productId X
 * @param orders orders holding X
 * @param totalOrders orders holding any product
 * @param recommendations the rules X → Y, highest confidence first (then lift, then product id)
 */
@Schema(description = "Products bought with a product, best first")
public record ProductRecommendations(String productId, long orders, long totalOrders, List<Rule> recommendations) {
}
