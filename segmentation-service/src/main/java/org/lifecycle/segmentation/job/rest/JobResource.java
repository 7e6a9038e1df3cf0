package org.lifecycle.segmentation.job.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobService;

import io.smallrye.mutiny.Uni;

@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Work over every profile after a definition changed, with its progress")
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Jobs, newest first")
    @APIResponse(responseCode = "200", description = "The newest jobs")
    @APIResponse(responseCode = "400", description = "limit out of range")
    public Uni<List<Job>> list(
            @Parameter(description = "How many jobs, 1 to 1000") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return jobs.newest(limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One job and its progress")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<Job> get(@Parameter(description = "The job's id") @PathParam("id") UUID id) {
        return jobs.find(id);
    }
}
