package org.lifecycle.analytics.crosssell.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Counts an order's products and product pairs, on the caller's connection, inside the transaction that inserts the
 * order: a redelivered order is not new there, so it is never counted twice.
 */
@ApplicationScoped
public class CrossSellWrites {

    /** One statement: the order's products, their order counts, every ordered pair and the total of orders. */
    public Uni<Void> addBasket(SqlConnection connection, String orderId, List<String> products) {
        if (products.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                with products as (select distinct unnest($2::text[]) as product_id),
                lines as (insert into order_product (order_id, product_id) select $1, product_id from products
                          on conflict do nothing),
                counts as (insert into product_count (product_id, orders) select product_id, 1 from products
                           on conflict (product_id) do update set orders = product_count.orders + 1),
                pairs as (insert into product_pair (product_id, other_id, orders)
                          select a.product_id, b.product_id, 1 from products a join products b
                          on a.product_id <> b.product_id
                          on conflict (product_id, other_id) do update set orders = product_pair.orders + 1)
                update basket_total set orders = orders + 1 where id = 1""")
                .execute(Tuple.of(orderId, products.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
