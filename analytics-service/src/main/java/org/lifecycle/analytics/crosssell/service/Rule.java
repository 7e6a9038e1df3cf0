package org.lifecycle.analytics.crosssell.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An association rule X → Y over orders.
 *
 * @param productId Y, the product recommended
 * @param because X, the product it is recommended for
 * @param orders orders holding both X and Y
 * @param support orders holding both / all orders with products
 * @param confidence orders holding both / orders holding X
 * @param lift confidence / (orders holding Y / all orders): above 1, X makes Y more likely
 */
@Schema(description = "Association rule: customers who bought `because` also bought `productId`")
public record Rule(String productId, String because, long orders, double support, double confidence, double lift) {
}
