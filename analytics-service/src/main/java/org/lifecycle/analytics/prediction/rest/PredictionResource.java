package org.lifecycle.analytics.prediction.rest;

import java.net.URI;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.analytics.aggregate.rest.InvalidQueryException;
import org.lifecycle.analytics.aggregate.rest.QueryProblem;
import org.lifecycle.analytics.aggregate.rest.QueryProblemMapper;
import org.lifecycle.analytics.clv.CustomerValueModel;
import org.lifecycle.analytics.prediction.service.Distribution;
import org.lifecycle.analytics.prediction.service.FitStatus;
import org.lifecycle.analytics.prediction.service.PredictionConfig;
import org.lifecycle.analytics.prediction.service.PredictionFilter;
import org.lifecycle.analytics.prediction.service.PredictionJob;
import org.lifecycle.analytics.prediction.service.PredictionPage;
import org.lifecycle.analytics.prediction.service.PredictionService;
import org.lifecycle.analytics.prediction.service.PredictionView;

import io.smallrye.mutiny.Uni;

/** Customer value predictions: the latest fit, each customer's figures, their distribution, and refits. */
@Path("/api/analytics/predictions")
@Tag(name = "predictions", description = "P(alive), expected purchases, expected order value and lifetime value")
@APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it", content = @Content(mediaType = QueryProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = QueryProblem.class)))
public class PredictionResource {

    private static final String JOBS = "/api/analytics/predictions/jobs/";
    private static final int MAX_SIZE = 1000;

    private final PredictionService predictions;
    private final PredictionJob job;
    private final PredictionConfig config;

    public PredictionResource(PredictionService predictions, PredictionJob job, PredictionConfig config) {
        this.predictions = predictions;
        this.job = job;
        this.config = config;
    }

    @GET
    @Path("/model")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest successful fit: parameters, log-likelihoods, convergence, customers, duration")
    @APIResponse(responseCode = "404", description = "No fit has succeeded yet")
    public Uni<FitStatus> model() {
        return predictions.latestModel().map(fit -> found(fit, "model", "no model has been fitted yet"));
    }

    @GET
    @Path("/jobs/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A fit's job status: running (progress, phase), succeeded or failed (error)")
    @APIResponse(responseCode = "404", description = "No such fit")
    public Uni<FitStatus> jobStatus(@PathParam("version") String version) {
        long id = wholeNumber("version", version, 1, Long.MAX_VALUE, 0);
        return predictions.job(id).map(fit -> found(fit, "version", "no fit " + version));
    }

    @POST
    @Path("/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Starts a fit (or points to the running one): 202 with the job status URL in Location")
    @APIResponse(responseCode = "202", description = "The fit runs; follow Location for its status")
    public Uni<Response> refresh(
            @Parameter(description = "BG_NBD or PARETO_NBD (also bg-nbd, pareto-nbd); default lifecycle.analytics.predictions.model") @QueryParam("model") String model) {
        CustomerValueModel.Kind kind = kind(model);
        return job.start("refresh", kind).chain(started -> predictions.job(started.version()))
                .map(fit -> Response.accepted(fit).location(URI.create(JOBS + fit.version()))
                        .type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest fit's predictions, one per customer, filtered and paged (also CSV)")
    public Uni<PredictionPage> list(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("minAlive") String minAlive, @QueryParam("maxAlive") String maxAlive,
            @QueryParam("minLifetimeValue") String minLifetimeValue,
            @QueryParam("maxLifetimeValue") String maxLifetimeValue,
            @QueryParam("minPurchases") String minPurchases,
            @Parameter(description = "lifetime_value (default), probability_alive, expected_purchases, expected_order_value, customer") @QueryParam("sort") String sort,
            @Parameter(description = "desc (default) or asc") @QueryParam("order") String order) {
        return predictions.page(filter(minAlive, maxAlive, minLifetimeValue, maxLifetimeValue, minPurchases, sort,
                order), (int) wholeNumber("page", page, 0, 1_000_000, 0),
                (int) wholeNumber("size", size, 1, MAX_SIZE, 50));
    }

    @GET
    @Produces("text/csv")
    @Operation(summary = "The same page as CSV")
    public Uni<String> listCsv(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("minAlive") String minAlive, @QueryParam("maxAlive") String maxAlive,
            @QueryParam("minLifetimeValue") String minLifetimeValue,
            @QueryParam("maxLifetimeValue") String maxLifetimeValue,
            @QueryParam("minPurchases") String minPurchases, @QueryParam("sort") String sort,
            @QueryParam("order") String order) {
        return list(page, size, minAlive, maxAlive, minLifetimeValue, maxLifetimeValue, minPurchases, sort, order)
                .map(result -> PredictionCsv.of(PredictionView.COLUMNS, result.items()));
    }

    @GET
    @Path("/distribution")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Histograms of predicted lifetime value and of P(alive) over the latest fit's customers")
    public Uni<Distribution> distribution(
            @Parameter(description = "Bins per histogram, 2 to 100 (default 20)") @QueryParam("bins") String bins) {
        return predictions.distribution((int) wholeNumber("bins", bins, 2, 100, 20));
    }

    @GET
    @Path("/{customer}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One customer's current prediction")
    @APIResponse(responseCode = "404", description = "No prediction for this customer")
    public Uni<PredictionView> customer(@PathParam("customer") String customer) {
        return predictions.customer(customer)
                .map(view -> found(view, "customer", "no prediction for customer " + customer));
    }

    private CustomerValueModel.Kind kind(String model) {
        if (model == null || model.isBlank()) {
            return config.model();
        }
        try {
            return CustomerValueModel.Kind.valueOf(model.strip().toUpperCase(Locale.ROOT).replace('-', '_')
                    .replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("model", "model must be BG_NBD or PARETO_NBD, was " + model);
        }
    }

    private static PredictionFilter filter(String minAlive, String maxAlive, String minLifetimeValue,
            String maxLifetimeValue, String minPurchases, String sort, String order) {
        PredictionFilter.Sort key;
        try {
            key = sort == null || sort.isBlank()
                    ? PredictionFilter.Sort.LIFETIME_VALUE
                    : PredictionFilter.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("sort", "sort must be lifetime_value, probability_alive,"
                    + " expected_purchases, expected_order_value or customer, was " + sort);
        }
        boolean ascending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("desc")) {
            ascending = false;
        } else if (order.equalsIgnoreCase("asc")) {
            ascending = true;
        } else {
            throw new InvalidQueryException("order", "order must be asc or desc, was " + order);
        }
        return new PredictionFilter(number("minAlive", minAlive, 0, 1), number("maxAlive", maxAlive, 0, 1),
                number("minLifetimeValue", minLifetimeValue, -Double.MAX_VALUE, Double.MAX_VALUE),
                number("maxLifetimeValue", maxLifetimeValue, -Double.MAX_VALUE, Double.MAX_VALUE),
                number("minPurchases", minPurchases, 0, Double.MAX_VALUE), key, ascending);
    }

    private static Double number(String field, String value, double min, double max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException(field, field + " must be a number" + (max == 1 ? " from 0 to 1" : "")
                + ", was " + value);
    }

    private static long wholeNumber(String field, String value, long min, long max, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException(field, field + " must be a whole number from " + min + " to " + max
                + ", was " + value);
    }

    private static <T> T found(T value, String field, String detail) {
        if (value == null) {
            throw new PredictionNotFoundException(field, detail);
        }
        return value;
    }
}
