package org.lifecycle.analytics.crosssell.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A product recommended to a customer.
 *
 * @param productId the product, never one they bought
 * @param source {@code rule}: from the rule {@code because} → productId over their purchases; {@code best_seller}: the
 *        fallback, a store best seller
 * @param because the bought product of the strongest rule; {@code null} for a best seller
 * @param score the rule's confidence; for a best seller, its share of all orders
 * @param lift the rule's lift; {@code null} for a best seller
 */
@Schema(description = "A product recommended to a customer, from a rule over their purchases or a best seller")
public record CustomerRecommendation(String productId, String source, String because, double score, Double lift) {
}
