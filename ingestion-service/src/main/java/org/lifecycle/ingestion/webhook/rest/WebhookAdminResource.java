package org.lifecycle.ingestion.webhook.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.lifecycle.ingestion.webhook.service.WebhookService;
import org.lifecycle.ingestion.webhook.service.WebhookService.EndpointView;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/admin/sources/{sourceId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed webhook endpoints of a source (admin token required)")
@SecurityRequirement(name = "admin")
public class WebhookAdminResource {

    private final WebhookService webhooks;

    public WebhookAdminResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a webhook endpoint", description = "Body: {\"kind\":\"typeform\"|\"zendesk\", \"secret\": …, \"settings\": {…}}. "
            + "Typeform: the secret is generated when not given. Zendesk: give the signing secret Zendesk shows. The secret is returned only here.")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<RestResponse<EndpointView>> create(@PathParam("sourceId") UUID sourceId, JsonNode request) {
        return webhooks.create(sourceId, request).map(view -> RestResponse.ResponseBuilder
                .<EndpointView>created(URI.create("/admin/sources/" + sourceId + "/webhooks/" + view.id()))
                .entity(view).build());
    }

    @GET
    @Operation(summary = "The source's webhook endpoints, without their secrets")
    public Uni<List<EndpointView>> list(@PathParam("sourceId") UUID sourceId) {
        return webhooks.list(sourceId);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Disable a webhook endpoint", description = "Its requests are refused from now on.")
    @APIResponse(responseCode = "204", description = "Disabled")
    public Uni<Void> disable(@PathParam("sourceId") UUID sourceId, @PathParam("id") UUID id) {
        return webhooks.disable(sourceId, id);
    }
}
