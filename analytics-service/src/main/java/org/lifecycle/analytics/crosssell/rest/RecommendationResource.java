package org.lifecycle.analytics.crosssell.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.analytics.aggregate.rest.InvalidQueryException;
import org.lifecycle.analytics.aggregate.rest.QueryProblem;
import org.lifecycle.analytics.aggregate.rest.QueryProblemMapper;
import org.lifecycle.analytics.crosssell.service.CoPurchaseLists;
import org.lifecycle.analytics.crosssell.service.CrossSellConfig;
import org.lifecycle.analytics.crosssell.service.CrossSellService;
import org.lifecycle.analytics.crosssell.service.CustomerRecommendations;
import org.lifecycle.analytics.crosssell.service.ProductRecommendations;

import io.smallrye.mutiny.Uni;

/** Cross-sell recommendations from association rules over the store's orders. */
@Path("/api/analytics/recommendations")
@Tag(name = "cross-sell", description = "Customers who bought X also bought Y")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it", content = @Content(mediaType = QueryProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = QueryProblem.class)))
public class RecommendationResource {

    private static final int MAX_LIMIT = 100;

    private final CrossSellService service;
    private final CrossSellConfig config;

    public RecommendationResource(CrossSellService service, CrossSellConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Path("/products/{productId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Products bought in the same orders as this one, with support, confidence and lift, best first")
    public Uni<ProductRecommendations> product(@PathParam("productId") String productId,
            @Parameter(description = "How many, 1 to 100 (default lifecycle.analytics.cross-sell.default-limit)") @QueryParam("limit") String limit,
            @Parameter(description = "Minimum support, 0 to 1 (default lifecycle.analytics.cross-sell.min-support)") @QueryParam("minSupport") String minSupport,
            @Parameter(description = "Minimum confidence, 0 to 1 (default lifecycle.analytics.cross-sell.min-confidence)") @QueryParam("minConfidence") String minConfidence) {
        return service.forProduct(productId, limit(limit), fraction("minSupport", minSupport, config.minSupport()),
                fraction("minConfidence", minConfidence, config.minConfidence()));
    }

    @GET
    @Path("/customers/{customer}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Products the customer has not bought, ranked by the rules over their purchases, then best sellers")
    public Uni<CustomerRecommendations> customer(@PathParam("customer") String customer,
            @Parameter(description = "How many, 1 to 100") @QueryParam("limit") String limit) {
        return service.forCustomer(customer, limit(limit));
    }

    @GET
    @Path("/co-purchases")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "For each productId given, the ids of the products bought with it, best first, and the best sellers")
    public Uni<CoPurchaseLists> coPurchases(
            @Parameter(description = "A product id; repeat for several") @QueryParam("productId") List<String> productIds,
            @Parameter(description = "How many per product, 1 to 100") @QueryParam("limit") String limit) {
        if (productIds == null || productIds.isEmpty()
                || productIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new InvalidQueryException("productId", "productId is required (one or more product ids)");
        }
        return service.coPurchases(List.copyOf(productIds), limit(limit));
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return config.defaultLimit();
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", was "
                + value);
    }

    private static double fraction(String field, String value, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double fraction = Double.parseDouble(value.strip());
            if (fraction >= 0 && fraction <= 1) {
                return fraction;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException(field, field + " must be a number from 0 to 1, was " + value);
    }
}
