package org.lifecycle.campaign.journey.offer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Picks the products a cross-sell message recommends after a purchase: those most often bought with what the customer
 * just bought, then, to fill the message (and before analytics has published any co-purchases), the store's
 * fallback list, usually its best sellers. Never a product the customer just bought.
 */
public final class CrossSell {

    private CrossSell() {
    }

    /**
     * @param bought the product ids of the purchase
     * @param coPurchases what analytics published; {@link CoPurchases#none()} before it has
     * @param fallback products to fill up with, best first
     * @param count how many to recommend at most
     * @return up to {@code count} product ids, best first
     */
    public static List<String> recommend(List<String> bought, CoPurchases coPurchases, List<String> fallback,
            int count) {
        Set<String> excluded = Set.copyOf(bought);
        // A product listed for several bought products ranks by the sum of 1/rank over those lists, so one that is
        // second for three of them (1.5) beats one that is first for one (1); ties keep the order first seen in.
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String product : new LinkedHashSet<>(bought)) {
            List<String> related = coPurchases.alsoBought(product);
            for (int rank = 0; rank < related.size(); rank++) {
                String candidate = related.get(rank);
                if (!excluded.contains(candidate)) {
                    scores.merge(candidate, 1.0 / (rank + 1), Double::sum);
                }
            }
        }
        Map<String, Integer> firstSeen = new HashMap<>();
        scores.keySet().forEach(product -> firstSeen.put(product, firstSeen.size()));
        Stream<String> ranked = scores.keySet().stream()
                .sorted((a, b) -> {
                    int byScore = Double.compare(scores.get(b), scores.get(a));
                    return byScore != 0 ? byScore : Integer.compare(firstSeen.get(a), firstSeen.get(b));
                });
        return Stream.concat(ranked, fallback.stream().filter(product -> !excluded.contains(product)))
                .distinct()
                .limit(count)
                .toList();
    }
}
