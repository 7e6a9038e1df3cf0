package org.lifecycle.analytics.crosssell.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.crosssell.repository.CrossSellWrites;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.contracts.event.commerce.Product;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Adds new orders' products to the pair counts, in the transaction that inserts the orders: a consumer batch's new
 * orders are added up in a {@link BasketBatch} and written at the end of the batch's transaction. A product is named by
 * its {@code product_id}, else its {@code sku}; an order whose products name none, or with more distinct products
 * than {@code max-basket-products}, is left out of the rules.
 */
@ApplicationScoped
public class Baskets {

    private final CrossSellWrites writes;
    private final CrossSellConfig config;

    public Baskets(CrossSellWrites writes, CrossSellConfig config) {
        this.writes = writes;
        this.config = config;
    }

    /** Adds a new order to the batch's counts, unless it names no product or too many. */
    public void add(BasketBatch batch, String orderId, Order order) {
        List<String> products = products(order);
        if (!products.isEmpty() && products.size() <= config.maxBasketProducts()) {
            batch.add(orderId, products);
        }
    }

    /** Writes the batch's counts, in the batch's transaction. */
    public Uni<Void> flush(SqlConnection connection, BasketBatch batch) {
        return writes.addBaskets(connection, batch);
    }

    /** The distinct product ids of an order, in the order given. */
    public static List<String> products(Order order) {
        Set<String> ids = new LinkedHashSet<>();
        if (order.products() != null) {
            for (Product product : order.products()) {
                String id = product == null ? null : product.productId() != null ? product.productId() : product.sku();
                if (id != null && !id.isBlank()) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }
}
