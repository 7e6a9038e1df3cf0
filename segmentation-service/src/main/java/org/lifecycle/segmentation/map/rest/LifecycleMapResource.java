package org.lifecycle.segmentation.map.rest;

import java.time.Instant;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.segmentation.map.service.LifecycleMap;
import org.lifecycle.segmentation.map.service.LifecycleMapService;
import org.lifecycle.segmentation.problem.Problem;
import org.lifecycle.segmentation.problem.ProblemMapper;
import org.lifecycle.segmentation.problem.QueryParameters;

import io.smallrye.mutiny.Uni;

@Path("/api/lifecycle-map")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "lifecycle map", description = "How many customers are in each stage and RFM group")
public class LifecycleMapResource {

    private static final String AT = "at";
    private static final String EXAMPLES = "examples";

    private final LifecycleMapService service;

    public LifecycleMapResource(LifecycleMapService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Customers per lifecycle stage and per RFM group", description = "Now, from every profile's current stage and group; or, with at, as of a past moment, from "
            + "the transition ledger and the RFM segments' entries and exits. Every stage of the active "
            + "model is listed in its order, and every RFM group, with counts of 0 included.")
    @APIResponse(responseCode = "200", description = "The map", content = @Content(schema = @Schema(implementation = LifecycleMap.class)))
    @APIResponse(responseCode = "400", description = "at is not an ISO-8601 instant, examples is not 0 to 10, or a "
            + "parameter is unknown or repeated", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<LifecycleMap> map(@Context UriInfo uri,
            @Parameter(description = "A past moment, ISO-8601 (e.g. 2026-03-01T00:00:00Z); now when absent") @QueryParam(AT) String at,
            @Parameter(description = "Customers shown per stage and group, 0 to 10", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "10", defaultValue = "3")) @QueryParam(EXAMPLES) String examples) {
        QueryParameters.requireKnown(uri, Set.of(AT, EXAMPLES));
        Instant moment = QueryParameters.instant(AT, at);
        int shown = QueryParameters.intIn(EXAMPLES, examples, 0, 10, 3);
        return moment == null ? service.now(shown) : service.asOf(moment, shown);
    }
}
