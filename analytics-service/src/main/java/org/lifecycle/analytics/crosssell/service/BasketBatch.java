package org.lifecycle.analytics.crosssell.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The new orders' products of one consumer batch, added up before they are written: each product's new orders and
 * each unordered pair's (first id &lt; second id), so a batch is one upsert per table whatever its size. Keys are kept
 * sorted, so concurrent batches lock rows in the same order.
 */
public final class BasketBatch {

    private final List<String> lineOrders = new ArrayList<>();
    private final List<String> lineProducts = new ArrayList<>();
    private final Map<String, Long> products = new TreeMap<>();
    private final Map<String, Map<String, Long>> pairs = new TreeMap<>();
    private long orders;

    /** Adds a new order's distinct products. */
    public void add(String orderId, List<String> distinctProducts) {
        orders++;
        List<String> sorted = new ArrayList<>(distinctProducts);
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
            String a = sorted.get(i);
            lineOrders.add(orderId);
            lineProducts.add(a);
            products.merge(a, 1L, Long::sum);
            Map<String, Long> withA = null;
            for (int j = i + 1; j < sorted.size(); j++) {
                if (withA == null) {
                    withA = pairs.computeIfAbsent(a, k -> new TreeMap<>());
                }
                withA.merge(sorted.get(j), 1L, Long::sum);
            }
        }
    }

    public boolean isEmpty() { return orders == 0; }

    public long orders() {
        return orders;
    }

    public List<String> lineOrders() {
        return lineOrders;
    }

    public List<String> lineProducts() {
        return lineProducts;
    }

    public Map<String, Long> products() {
        return products;
    }

    /** first product → second product → orders with both, first &lt; second. */
    public Map<String, Map<String, Long>> pairs() {
        return pairs;
    }
}
