package org.lifecycle.analytics.crosssell.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the pair counts behind the association rules. */
@ApplicationScoped
public class CrossSellQueries {

    private final Pool pool;

    public CrossSellQueries(Pool pool) {
        this.pool = pool;
    }

    /** Orders holding any product. */
    public Uni<Long> totalOrders() {
        return pool.query("select orders from basket_total where id = 1").execute()
                .map(rows -> rows.iterator().next().getLong("orders"));
    }

    /** Orders holding the product; 0 when none does. */
    public Uni<Long> productOrders(String productId) {
        return pool.preparedQuery("select orders from product_count where product_id = $1").execute(Tuple.of(productId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("orders"));
    }

    /**
     * Rules from each antecedent (a pair is kept once, under its smaller id, and read from either side): columns {@code antecedent}, {@code consequent}, {@code pair_orders},
     * {@code antecedent_orders}, {@code consequent_orders}, for pairs held by at least {@code minPairOrders} orders and
     * whose confidence reaches {@code minConfidence}.
     */
    public Uni<List<Row>> rules(List<String> antecedents, long minPairOrders, double minConfidence) {
        return pool.preparedQuery("""
                with pairs as (
                    select product_id as antecedent, other_id as consequent, orders from product_pair
                    where product_id = any($1::text[]) and orders >= $2
                    union all
                    select other_id, product_id, orders from product_pair
                    where other_id = any($1::text[]) and orders >= $2
                )
                select p.antecedent, p.consequent, p.orders as pair_orders,
                       a.orders as antecedent_orders, c.orders as consequent_orders
                from pairs p
                join product_count a on a.product_id = p.antecedent
                join product_count c on c.product_id = p.consequent
                where p.orders >= $3 * a.orders""")
                .execute(Tuple.of(antecedents.toArray(String[]::new), minPairOrders, minConfidence))
                .map(CrossSellQueries::list);
    }

    /** The distinct products of a customer's orders. */
    public Uni<List<String>> productsOf(String customerKey) {
        return pool.preparedQuery("""
                select distinct l.product_id from order_product l join customer_order o on o.order_id = l.order_id
                where o.customer_key = $1 order by l.product_id""")
                .execute(Tuple.of(customerKey))
                .map(rows -> list(rows).stream().map(row -> row.getString("product_id")).toList());
    }

    /** The products held by the most orders, most first (ties by id). */
    public Uni<List<Row>> bestSellers(int limit) {
        return pool
                .preparedQuery("select product_id, orders from product_count order by orders desc, product_id limit $1")
                .execute(Tuple.of(limit)).map(CrossSellQueries::list);
    }

    private static List<Row> list(RowSet<Row> rows) {
        List<Row> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }
}
