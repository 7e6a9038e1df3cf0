package org.lifecycle.analytics.crosssell.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.crosssell.service.BasketBatch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Counts orders' products and unordered product pairs, on the caller's connection, inside the transaction that inserts the
 * order: a redelivered order is not new there, so it is never counted twice.
 */
@ApplicationScoped
public class CrossSellWrites {

    /**
     * One statement for the new orders of a consumer batch: their products, each product's and each unordered pair's
     * added orders, and the added total, each as one {@code unnest} upsert.
     */
    public Uni<Void> addBaskets(SqlConnection connection, BasketBatch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int pairCount = batch.pairs().values().stream().mapToInt(java.util.Map::size).sum();
        String[] firsts = new String[pairCount];
        String[] seconds = new String[pairCount];
        Long[] pairOrders = new Long[pairCount];
        int i = 0;
        for (var first : batch.pairs().entrySet()) {
            for (var second : first.getValue().entrySet()) {
                firsts[i] = first.getKey();
                seconds[i] = second.getKey();
                pairOrders[i++] = second.getValue();
            }
        }
        return connection.preparedQuery("""
                with lines as (insert into order_product (order_id, product_id)
                               select * from unnest($1::text[], $2::text[]) on conflict do nothing),
                counts as (insert into product_count (product_id, orders)
                           select * from unnest($3::text[], $4::bigint[])
                           on conflict (product_id) do update set orders = product_count.orders + excluded.orders),
                pairs as (insert into product_pair (product_id, other_id, orders)
                          select * from unnest($5::text[], $6::text[], $7::bigint[])
                          on conflict (product_id, other_id) do update
                          set orders = product_pair.orders + excluded.orders)
                update basket_total set orders = orders + $8 where id = 1""")
                .execute(Tuple.from(List.of(batch.lineOrders().toArray(String[]::new),
                        batch.lineProducts().toArray(String[]::new),
                        batch.products().keySet().toArray(String[]::new),
                        batch.products().values().toArray(Long[]::new), firsts, seconds, pairOrders,
                        batch.orders())))
                .replaceWithVoid();
    }
}
