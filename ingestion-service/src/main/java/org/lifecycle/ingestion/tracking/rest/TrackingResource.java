package org.lifecycle.ingestion.tracking.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.ProblemMapper;
import org.lifecycle.ingestion.tracking.service.TrackingService;

import io.smallrye.mutiny.Uni;

/**
 * Segment's HTTP tracking API. The body is taken as bytes because the service itself handles gzip, size limits and
 * JSON errors, so that every rejection is a problem document naming the field.
 */
@Path("/v1")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking", description = "Segment-compatible tracking API (write key as HTTP Basic user, or writeKey in the body)")
@APIResponse(responseCode = "200", description = "Every event is durably on Kafka", content = @Content(schema = @Schema(implementation = TrackingResource.Success.class)))
@APIResponse(responseCode = "400", description = "Invalid request; nothing was accepted", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked write key", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
@APIResponse(responseCode = "503", description = "Kafka unavailable; retry after Retry-After seconds with the same messageIds", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
public class TrackingResource {

    /** Segment's success answer. */
    public record Success(boolean success) {
    }

    private static final Success SUCCESS = new Success(true);

    private final TrackingService tracking;

    public TrackingResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @POST
    @Path("/identify")
    @Operation(summary = "Identify a user and record their traits")
    public Uni<Success> identify(
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.IDENTIFY, body, headers);
    }

    @POST
    @Path("/track")
    @Operation(summary = "Record an action a user performed")
    public Uni<Success> track(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.TRACK, body, headers);
    }

    @POST
    @Path("/page")
    @Operation(summary = "Record a page view")
    public Uni<Success> page(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.PAGE, body, headers);
    }

    @POST
    @Path("/screen")
    @Operation(summary = "Record a mobile screen view")
    public Uni<Success> screen(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.SCREEN, body, headers);
    }

    @POST
    @Path("/group")
    @Operation(summary = "Associate a user with a group (an account, a company)")
    public Uni<Success> group(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.GROUP, body, headers);
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Join two identities of one user")
    public Uni<Success> alias(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(MessageType.ALIAS, body, headers);
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Send many messages at once", description = "All or nothing: one invalid message and none is accepted.")
    public Uni<Success> batch(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(null, body, headers);
    }

    @POST
    @Path("/import")
    @Operation(summary = "Send historical messages", description = "Same as /v1/batch; server-side SDKs post here.")
    public Uni<Success> importBatch(
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @BeanParam TrackingHeaders headers) {
        return accept(null, body, headers);
    }

    private Uni<Success> accept(MessageType type, byte[] body, TrackingHeaders headers) {
        return tracking.accept(type, body == null ? new byte[0] : body, headers.toRequestHeaders())
                .replaceWith(SUCCESS);
    }
}
