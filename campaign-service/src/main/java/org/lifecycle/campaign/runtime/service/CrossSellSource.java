package org.lifecycle.campaign.runtime.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.offer.CoPurchases;
import org.lifecycle.campaign.journey.offer.CrossSell;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;

/**
 * The cross-sell recommendations of a message: "customers who bought X also bought Y" from analytics-service
 * ({@code GET /api/analytics/recommendations/co-purchases?productId=X&productId=...&limit=N}, answering
 * {@code {"alsoBought": {"X": ["Y", ...]}, "bestSellers": [...]}}), cached per product for the refresh interval, and
 * filled up with analytics' best sellers. When analytics is not configured, cannot be reached or fails, the lists
 * cached so far (however old) are used and nothing is asked for during the failure backoff; when it has no best
 * sellers (nothing fitted yet) or cannot give them, the fallback is the store's best sellers as this service counted
 * them from {@code Order Completed} events ({@code product_sales}).
 */
@ApplicationScoped
public class CrossSellSource {

    private static final int PRODUCTS_PER_REQUEST = 50;
    private static final int BEST_SELLERS = 24;

    private record Cached(List<String> products, Instant at) {
    }

    private final CrossSellSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> coPurchases = new ConcurrentHashMap<>();
    private volatile Cached analyticsBestSellers;
    private volatile Cached localBestSellers;
    private volatile Instant askAgainAt = Instant.MIN;

    public CrossSellSource(CrossSellSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Up to {@code count} products to recommend after buying {@code bought}, best first, never one of those. */
    public List<String> recommend(Tx tx, List<String> bought, int count) {
        Instant now = clock.instant();
        refresh(bought, now);
        Map<String, List<String>> known = new HashMap<>();
        for (String product : bought) {
            Cached cached = coPurchases.get(product);
            if (cached != null) {
                known.put(product, cached.products());
            }
        }
        Cached best = analyticsBestSellers;
        List<String> fallback = best != null && !best.products().isEmpty()
                ? best.products()
                : localBestSellers(tx, now);
        return CrossSell.recommend(bought, new CoPurchases(known), fallback, count);
    }

    /** Asks analytics about the products not cached or cached longer than the refresh interval. */
    private void refresh(List<String> bought, Instant now) {
        if (settings.analyticsUrl().isEmpty() || now.isBefore(askAgainAt)) {
            return;
        }
        Instant staleBefore = now.minus(settings.refreshInterval());
        List<String> stale = new ArrayList<>(new LinkedHashSet<>(bought));
        stale.removeIf(product -> {
            Cached cached = coPurchases.get(product);
            return cached != null && cached.at().isAfter(staleBefore);
        });
        Cached best = analyticsBestSellers;
        if (stale.isEmpty() && best != null && best.at().isAfter(staleBefore)) {
            return;
        }
        for (int from = 0; from < Math.max(stale.size(), 1); from += PRODUCTS_PER_REQUEST) {
            if (!fetch(stale.subList(from, Math.min(stale.size(), from + PRODUCTS_PER_REQUEST)), now)) {
                askAgainAt = now.plus(settings.failureBackoff());
                return;
            }
        }
    }

    private boolean fetch(List<String> products, Instant now) {
        if (products.isEmpty()) {
            // analytics needs a product to answer with its best sellers; with none bought, the fallback serves
            return true;
        }
        String query = products.stream().map(id -> "productId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&limit=" + settings.perProduct();
        String base = settings.analyticsUrl().orElseThrow().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/analytics/recommendations/co-purchases?" + query);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                Log.warnf("Cross-sell: analytics answered %d; using cached lists and the fallback for %s",
                        response.statusCode(), settings.failureBackoff());
                return false;
            }
            JsonNode body = LifecycleJson.mapper().readTree(response.body());
            JsonNode alsoBought = body.path("alsoBought");
            for (String product : products) {
                coPurchases.put(product, new Cached(ids(alsoBought.path(product)), now));
            }
            analyticsBestSellers = new Cached(ids(body.path("bestSellers")), now);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            Log.warnf("Cross-sell: analytics unreachable (%s); using cached lists and the fallback for %s",
                    e.getClass().getSimpleName(), settings.failureBackoff());
            return false;
        }
    }

    private List<String> localBestSellers(Tx tx, Instant now) {
        Cached cached = localBestSellers;
        if (cached == null || !cached.at().isAfter(now.minus(settings.refreshInterval()))) {
            List<String> ids = tx.query("select product_id from product_sales order by orders desc, product_id "
                    + "limit $1", BEST_SELLERS).stream().map(row -> row.getString(0)).toList();
            cached = new Cached(ids, now);
            if (!ids.isEmpty()) {
                // an empty list is asked for again next time, so the first orders counted show at once
                localBestSellers = cached;
            }
        }
        return cached.products();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(id -> {
                if (id.isTextual() && !id.asText().isBlank()) {
                    out.add(id.asText());
                }
            });
        }
        return List.copyOf(out);
    }
}
