package org.lifecycle.segmentation.info.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/segmentation/info")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "info", description = "About this service")
public class InfoResource {

    private final ServiceInfo info;

    public InfoResource(@ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.info = new ServiceInfo(name, version);
    }

    @GET
    @Operation(summary = "The service's name and version")
    @APIResponse(responseCode = "200", description = "The service's name and version")
    public ServiceInfo info() {
        return info;
    }
}
