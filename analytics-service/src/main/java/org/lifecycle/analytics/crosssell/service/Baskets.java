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
 * Adds a new order's products to the pair counts, in the transaction that inserts the order. A product is named by
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

    public Uni<Void> add(SqlConnection connection, String orderId, Order order) {
        List<String> products = products(order);
        if (products.isEmpty() || products.size() > config.maxBasketProducts()) {
            return Uni.createFrom().voidItem();
        }
        return writes.addBasket(connection, orderId, products);
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
