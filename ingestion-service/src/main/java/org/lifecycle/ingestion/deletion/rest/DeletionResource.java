package org.lifecycle.ingestion.deletion.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.ingestion.deletion.service.DeletionService;

import io.smallrye.mutiny.Uni;

@Path("/admin/deletions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deletions", description = "Suppress and delete a customer everywhere (admin token required)")
@SecurityRequirement(name = "admin")
public class DeletionResource {

    /** Who to erase: the user id, and optionally a device identity and the one source it is limited to. */
    public record DeletionBody(@NotBlank @Size(max = 1024) String userId, @Size(max = 1024) String anonymousId,
            @Size(max = 64) String sourceId) {
    }

    private final DeletionService deletions;

    public DeletionResource(DeletionService deletions) {
        this.deletions = deletions;
    }

    @POST
    @Operation(summary = "Request erasure of a customer", description = "Published to lifecycle.deletions; every service erases the customer's data and never messages them again.")
    @APIResponse(responseCode = "202", description = "Accepted: the request is durably recorded")
    public Uni<RestResponse<DeletionRequest>> request(@Valid @NotNull DeletionBody body) {
        return deletions.request(body.userId(), body.anonymousId(), body.sourceId(), "admin")
                .map(d -> RestResponse.status(RestResponse.Status.ACCEPTED, d));
    }
}
