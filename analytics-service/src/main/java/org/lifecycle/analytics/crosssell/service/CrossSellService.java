package org.lifecycle.analytics.crosssell.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.crosssell.repository.CrossSellQueries;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Association rules over orders, read from pair counts kept current as orders arrive: support, confidence and lift
 * are computed at request time from the counts, so a rule reflects every order applied so far.
 */
@ApplicationScoped
public class CrossSellService {

    /** Best first: confidence, then lift, then product id so that the order is stable. */
    static final Comparator<Rule> BEST_FIRST = Comparator.comparingDouble(Rule::confidence).reversed()
            .thenComparing(Comparator.comparingDouble(Rule::lift).reversed())
            .thenComparing(Rule::productId);

    private final CrossSellQueries queries;
    private final CrossSellConfig config;

    public CrossSellService(CrossSellQueries queries, CrossSellConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Uni<ProductRecommendations> forProduct(String productId, int limit, double minSupport,
            double minConfidence) {
        return queries.totalOrders().chain(total -> queries.productOrders(productId)
                .chain(orders -> rules(List.of(productId), total, minSupport, minConfidence)
                        .map(rules -> new ProductRecommendations(productId, orders, total,
                                rules.stream().sorted(BEST_FIRST).limit(limit).toList()))));
    }

    public Uni<CustomerRecommendations> forCustomer(String customer, int limit) {
        return queries.productsOf(customer).chain(bought -> queries.totalOrders()
                .chain(total -> (bought.isEmpty()
                        ? Uni.createFrom().item(List.<Rule>of())
                        : rules(bought, total, config.minSupport(), config.minConfidence()))
                        .chain(rules -> queries.bestSellers(limit + bought.size())
                                .map(best -> rank(customer, bought, rules, best, total, limit)))));
    }

    public Uni<CoPurchaseLists> coPurchases(List<String> productIds, int limit) {
        return queries.totalOrders().chain(total -> rules(productIds, total, config.minSupport(),
                config.minConfidence()).chain(rules -> queries.bestSellers(limit).map(best -> {
                    Map<String, List<String>> lists = new LinkedHashMap<>();
                    for (String product : productIds) {
                        lists.put(product, rules.stream().filter(rule -> rule.because().equals(product))
                                .sorted(BEST_FIRST).limit(limit).map(Rule::productId).toList());
                    }
                    return new CoPurchaseLists(lists,
                            best.stream().map(row -> row.getString("product_id")).toList());
                })));
    }

    private Uni<List<Rule>> rules(List<String> antecedents, long total, double minSupport, double minConfidence) {
        long minPairOrders = Math.max(config.minPairOrders(), (long) Math.ceil(minSupport * total));
        return queries.rules(antecedents, Math.max(1, minPairOrders), minConfidence)
                .map(rows -> rows.stream().map(row -> rule(row, total)).toList());
    }

    private static Rule rule(Row row, long total) {
        long both = row.getLong("pair_orders");
        long antecedent = row.getLong("antecedent_orders");
        long consequent = row.getLong("consequent_orders");
        double confidence = (double) both / antecedent;
        return new Rule(row.getString("consequent"), row.getString("antecedent"), both, (double) both / total,
                confidence, confidence / ((double) consequent / total));
    }

    /**
     * A product not bought yet ranks by its strongest rule from any bought product; best sellers fill up the rest.
     */
    private static CustomerRecommendations rank(String customer, List<String> bought, List<Rule> rules,
            List<Row> bestSellers, long total, int limit) {
        Set<String> excluded = new HashSet<>(bought);
        Map<String, Rule> strongest = new HashMap<>();
        for (Rule rule : rules) {
            if (!excluded.contains(rule.productId())) {
                strongest.merge(rule.productId(), rule, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        List<CustomerRecommendation> out = new ArrayList<>();
        strongest.values().stream().sorted(BEST_FIRST).limit(limit).forEach(rule -> out.add(
                new CustomerRecommendation(rule.productId(), "rule", rule.because(), rule.confidence(), rule.lift())));
        Set<String> chosen = new HashSet<>(excluded);
        out.forEach(recommendation -> chosen.add(recommendation.productId()));
        for (Row row : bestSellers) {
            if (out.size() >= limit) {
                break;
            }
            String product = row.getString("product_id");
            if (chosen.add(product)) {
                out.add(new CustomerRecommendation(product, "best_seller", null,
                        total == 0 ? 0 : (double) row.getLong("orders") / total, null));
            }
        }
        return new CustomerRecommendations(customer, bought, out);
    }
}
