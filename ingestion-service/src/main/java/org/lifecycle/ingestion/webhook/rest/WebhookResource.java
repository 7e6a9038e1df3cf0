package org.lifecycle.ingestion.webhook.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.ingestion.problem.ProblemMapper;
import org.lifecycle.ingestion.tracking.rest.TrackingResource.Success;
import org.lifecycle.ingestion.webhook.service.WebhookService;

import io.smallrye.mutiny.Uni;

/** Where survey and help-desk tools post. The body is taken as bytes: the signature covers them exactly. */
@Path("/v1/webhooks")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed webhooks of survey and help-desk tools, each turned into one track event")
@APIResponse(responseCode = "200", description = "The event is durably on Kafka", content = @Content(schema = @Schema(implementation = Success.class)))
@APIResponse(responseCode = "400", description = "The payload cannot be mapped; nothing was accepted", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
@APIResponse(responseCode = "401", description = "Missing or wrong signature, or no such active endpoint", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
public class WebhookResource {

    private static final Success SUCCESS = new Success(true);

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/typeform/{id}")
    @Operation(summary = "A Typeform form_response", description = "Becomes a Survey Responded event.")
    public Uni<Success> typeform(@PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Typeform-Signature") String signature) {
        return webhooks.typeform(id, body == null ? new byte[0] : body, contentType, signature).replaceWith(SUCCESS);
    }

    @POST
    @Path("/zendesk/{id}")
    @Operation(summary = "A Zendesk ticket notification", description = "Becomes a Ticket Created, Ticket Solved or Satisfaction Rated event.")
    public Uni<Success> zendesk(@PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("X-Zendesk-Webhook-Signature") String signature,
            @HeaderParam("X-Zendesk-Webhook-Signature-Timestamp") String timestamp) {
        return webhooks.zendesk(id, body == null ? new byte[0] : body, contentType, signature, timestamp)
                .replaceWith(SUCCESS);
    }
}
