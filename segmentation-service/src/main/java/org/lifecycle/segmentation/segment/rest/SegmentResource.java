package org.lifecycle.segmentation.segment.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.segmentation.segment.service.Segment;
import org.lifecycle.segmentation.segment.service.SegmentService;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/api/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "segments", description = "Built-in segments (stages, RFM groups, behaviour) and marketers' own")
public class SegmentResource {

    private static final String EXAMPLE = """
            {"key": "big_spenders", "name": "Big spenders", "description": "Spent 500 or more this year",
             "rule": {"revenue": {"gte": 500}, "within_days": 365}}""";

    private final SegmentService segments;

    public SegmentResource(SegmentService segments) {
        this.segments = segments;
    }

    @GET
    @Operation(summary = "Every segment: stage.*, rfm.*, behaviour.* and custom ones")
    @APIResponse(responseCode = "200", description = "The segments")
    public Uni<List<Segment>> list() {
        return segments.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One segment, built in or custom")
    @APIResponse(responseCode = "200", description = "The segment")
    @APIResponse(responseCode = "404", description = "No such segment")
    public Uni<Segment> get(@Parameter(description = "e.g. stage.active, rfm.champions, behaviour.engaged, "
            + "big_spenders") @PathParam("key") String key) {
        return segments.get(key);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a segment", description = "The rule is in the rule language (RULES.md). The segment is in force at once and a job "
            + "finds its members among existing profiles; each entry is announced on lifecycle.memberships.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "big_spenders", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The segment, version 1, and its backfill job")
    @APIResponse(responseCode = "400", description = "Invalid definition; every violation is listed with its JSON pointer")
    @APIResponse(responseCode = "409", description = "The key is taken")
    public Uni<Response> create(JsonNode body) {
        return segments.create(body).map(created -> Response.created(URI.create("/api/segments/" + created.key()))
                .entity(created).build());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a custom segment", description = "Stores the next version; a job moves members in and out under it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "big_spenders", value = """
            {"name": "Big spenders", "rule": {"revenue": {"gte": 800}, "within_days": 365}}""")))
    @APIResponse(responseCode = "200", description = "The segment's new version and its job")
    @APIResponse(responseCode = "400", description = "Invalid definition, or a built-in segment")
    @APIResponse(responseCode = "404", description = "No such segment")
    public Uni<Segment> update(@Parameter(description = "The custom segment's key") @PathParam("key") String key,
            JsonNode body) {
        return segments.update(key, body);
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Delete a custom segment", description = "A job takes every member out; each exit is announced on lifecycle.memberships.")
    @APIResponse(responseCode = "200", description = "The deleted segment and the job that exits its members")
    @APIResponse(responseCode = "400", description = "A built-in segment")
    @APIResponse(responseCode = "404", description = "No such segment")
    public Uni<Segment> delete(@Parameter(description = "The custom segment's key") @PathParam("key") String key) {
        return segments.delete(key);
    }
}
