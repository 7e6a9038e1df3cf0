package org.lifecycle.analytics.crosssell.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param customer the customer's identity key
 * @param purchased the distinct products of their orders
 * @param recommendations rules first (best first), then best sellers to fill up
 */
@Schema(description = "Products a customer has not bought yet, ranked")
public record CustomerRecommendations(String customer, List<String> purchased,
        List<CustomerRecommendation> recommendations) {
}
