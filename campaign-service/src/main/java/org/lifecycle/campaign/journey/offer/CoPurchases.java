package org.lifecycle.campaign.journey.offer;

import java.util.List;
import java.util.Map;

/**
 * "Customers who bought X also bought Y", as analytics publishes it: for each product id, the products bought with it
 * by the same customers, most often first.
 */
public record CoPurchases(Map<String, List<String>> alsoBought) {

    public CoPurchases {
        alsoBought = Map.copyOf(alsoBought);
    }

    /** What is known before analytics has published anything. */
    public static CoPurchases none() {
        return new CoPurchases(Map.of());
    }

    public List<String> alsoBought(String productId) {
        return alsoBought.getOrDefault(productId, List.of());
    }
}
