package org.lifecycle.ingestion.source.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.lifecycle.ingestion.source.service.SourceService;
import org.lifecycle.ingestion.source.service.SourceViews.IssuedKey;
import org.lifecycle.ingestion.source.service.SourceViews.SourceView;

import io.smallrye.mutiny.Uni;

@Path("/admin/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "Sources and their write keys (admin token required)")
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "admin")
public class SourceAdminResource {

    /** Body of a create call. */
    public record CreateSource(@NotBlank @Size(max = 200) String name) {
    }

    private final SourceService service;

    public SourceAdminResource(SourceService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a source", description = "Returns its first write key; the key is shown only once.")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<RestResponse<IssuedKey>> create(@Valid @NotNull CreateSource request) {
        return service.create(request.name())
                .map(issued -> RestResponse.ResponseBuilder
                        .<IssuedKey>created(URI.create("/admin/sources/" + issued.id()))
                        .entity(issued).build());
    }

    @GET
    @Operation(summary = "List sources with their keys (by prefix)")
    public Uni<List<SourceView>> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One source with its keys (by prefix)")
    public Uni<SourceView> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "Issue a new write key", description = "Old keys stop working after graceSeconds (0: at once).")
    public Uni<IssuedKey> rotate(@PathParam("id") UUID id,
            @QueryParam("graceSeconds") @DefaultValue("0") @Min(0) @Max(604800) long graceSeconds) {
        return service.rotate(id, Duration.ofSeconds(graceSeconds));
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke every write key of the source", description = "Requests with them get 401 from now on.")
    public Uni<SourceView> revoke(@PathParam("id") UUID id) {
        return service.revoke(id);
    }
}
