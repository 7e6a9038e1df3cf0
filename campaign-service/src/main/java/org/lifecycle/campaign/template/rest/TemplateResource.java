package org.lifecycle.campaign.template.rest;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.lifecycle.campaign.template.service.MessageTemplate;
import org.lifecycle.campaign.template.service.PreviewRequest;
import org.lifecycle.campaign.template.service.RenderedMessage;
import org.lifecycle.campaign.template.service.TemplateDraft;
import org.lifecycle.campaign.template.service.TemplateService;

import io.smallrye.mutiny.Uni;

@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "templates", description = "Message templates in Qute: email, SMS, push and webhook payloads")
public class TemplateResource {

    private static final String EXAMPLE = """
            {"key": "spring_sale", "channel": "email",
             "subject": "{traits.first_name ?: 'Hello'}, spring is here",
             "preheader": "{#if offer}{offer.percentOff}% off, this week only{/if}",
             "html": "<p>Hi {traits.first_name ?: 'there'},</p><p><a href=\\"https://shop.example/spring\\">Shop now</a></p><p><a href=\\"{links.unsubscribe}\\">Unsubscribe</a></p>",
             "text": "Hi {traits.first_name ?: 'there'}, shop now: https://shop.example/spring\\nUnsubscribe: {links.unsubscribe}"}""";

    private static final String PREVIEW = """
            {"contact": {"customerKey": "user-42", "email": "ann@example.com", "stage": "at_risk",
                         "orders": 4, "revenue": 620, "traits": {"first_name": "Ann"}},
             "offer": "win_back", "recommendations": ["sku-1", "sku-2"]}""";

    private final TemplateService templates;

    public TemplateResource(TemplateService templates) {
        this.templates = templates;
    }

    @GET
    @Operation(summary = "Every template, its latest version")
    @APIResponse(responseCode = "200", description = "The templates, by key")
    public Uni<List<MessageTemplate>> list() {
        return templates.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "A template's latest version")
    @APIResponse(responseCode = "200", description = "The template")
    @APIResponse(responseCode = "404", description = "No such template")
    public Uni<MessageTemplate> get(@Parameter(description = "The template key") @PathParam("key") String key) {
        return templates.get(key);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every version of a template, newest first")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "404", description = "No such template")
    public Uni<List<MessageTemplate>> versions(
            @Parameter(description = "The template key") @PathParam("key") String key) {
        return templates.versions(key);
    }

    @GET
    @Path("/{key}/versions/{version}")
    @Operation(summary = "One version of a template")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such template or version")
    public Uni<MessageTemplate> version(@Parameter(description = "The template key") @PathParam("key") String key,
            @Parameter(description = "The version, from 1") @PathParam("version") int version) {
        return templates.get(key, version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template", description = "Every part is checked before anything is stored: Qute "
            + "syntax, names outside the model (contact, traits, offer, recommendations, journey, trigger, links, "
            + "message, store), the parts the channel takes, and that a webhook payload renders to JSON.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "email", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The template, version 1")
    @APIResponse(responseCode = "400", description = "Invalid template; every fault is listed with its field, line and column")
    @APIResponse(responseCode = "409", description = "The key is taken")
    public Uni<Response> create(@Valid @NotNull TemplateDraft draft) {
        return templates.create(draft).map(created -> Response
                .created(URI.create("/api/templates/" + created.key())).entity(created).build());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a template", description = "Stores the next version; messages already sent keep "
            + "theirs. The channel cannot change.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "email", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(responseCode = "400", description = "Invalid template; nothing was stored")
    @APIResponse(responseCode = "404", description = "No such template")
    public Uni<MessageTemplate> update(@Parameter(description = "The template key") @PathParam("key") String key,
            @Valid @NotNull TemplateDraft draft) {
        return templates.update(key, draft);
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Delete a template", description = "Sends that name it are rejected from now on; its "
            + "versions are kept for the messages already rendered from them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such template")
    public Uni<Void> delete(@Parameter(description = "The template key") @PathParam("key") String key) {
        return templates.delete(key);
    }

    @POST
    @Path("/{key}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render a template for a contact", description = "The contact is given inline. The "
            + "HTML has its tracking (click links, open pixel, preheader); the preview's links work but record nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "win back", value = PREVIEW)))
    @APIResponse(responseCode = "200", description = "The rendered subject, preheader, HTML and text (or body, or payload)")
    @APIResponse(responseCode = "400", description = "Invalid contact")
    @APIResponse(responseCode = "404", description = "No such template or version")
    public Uni<RenderedMessage> preview(@Parameter(description = "The template key") @PathParam("key") String key,
            @Valid @NotNull PreviewRequest request) {
        return templates.preview(key, request);
    }
}
