package org.lifecycle.analytics.crosssell.service;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * For each product asked about, the ids of the products bought with it, best first: the shape campaign offers read
 * as their co-purchases, with the best sellers to fill a message up.
 */
@Schema(description = "Product ids bought with each product, best first, and the store's best sellers")
public record CoPurchaseLists(Map<String, List<String>> alsoBought, List<String> bestSellers) {
}
