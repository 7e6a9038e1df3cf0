package org.lifecycle.segmentation.stagemodel.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.lifecycle.segmentation.scoring.StageModelPreset;
import org.lifecycle.segmentation.stagemodel.service.Activation;
import org.lifecycle.segmentation.stagemodel.service.StageModelService;
import org.lifecycle.segmentation.stagemodel.service.StageModelVersion;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/api/stage-models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stage models", description = "The default lifecycle stage model and a company's own rule-based models")
public class StageModelResource {

    private final StageModelService models;

    public StageModelResource(StageModelService models) {
        this.models = models;
    }

    @GET
    @Operation(summary = "Every stage model version, oldest first; version 1 is the default model")
    @APIResponse(responseCode = "200", description = "The versions")
    public Uni<List<StageModelVersion>> list() {
        return models.list();
    }

    @GET
    @Path("/active")
    @Operation(summary = "The stage model version in force")
    @APIResponse(responseCode = "200", description = "The active version")
    public Uni<StageModelVersion> active() {
        return models.active();
    }

    @GET
    @Path("/presets")
    @Operation(summary = "The ready-made stage models, with their options and the model their defaults make", description = "Store one as a version with POST {\"preset\": \"hubspot\", \"options\": {...}}, then activate it.")
    @APIResponse(responseCode = "200", description = "The presets")
    public List<StageModelPreset> presets() {
        return models.presets();
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One stage model version")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<StageModelVersion> get(
            @Parameter(description = "The version number") @PathParam("version") int version) {
        return models.get(version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a rule-based stage model as a new version, not active yet", description = "The stages are tried in order, the first whose rule matches wins, and the last stage has no "
            + "rule (RULES.md, \"Custom stage models\"), or a preset's model ({\"preset\": \"hubspot\"}, see "
            + "GET /api/stage-models/presets). Invalid models are refused with every violation, each pointed at in "
            + "the body.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "vip", value = """
                    {"definition": {"stages": [
                      {"key": "vip", "name": "VIP", "when": {"revenue": {"gte": 1000}, "within_days": 365}},
                      {"key": "first_buyer", "name": "First buyer", "when": {"orders": {"gte": 1}}},
                      {"key": "lead", "name": "Lead"}
                    ]}}"""),
            @ExampleObject(name = "hubspot", value = """
                    {"preset": "hubspot", "options": {"mql_plan": "engagement", "mql_threshold": 50, "forward_only": true}}""")}))
    @APIResponse(responseCode = "201", description = "The new version, with its location")
    @APIResponse(responseCode = "400", description = "The model is invalid; every violation is listed")
    public Uni<Response> create(JsonNode body) {
        return models.create(body).map(created -> Response
                .created(URI.create("/api/stage-models/" + created.version())).entity(created).build());
    }

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Make a version the one in force", description = "Starts a job that decides every profile again under the version; the transitions it "
            + "causes carry the cause model and the version. Activating the active version changes nothing.")
    @APIResponse(responseCode = "200", description = "The version and the job (null when it was already active)")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<Activation> activate(
            @Parameter(description = "The version number") @PathParam("version") int version) {
        return models.activate(version);
    }
}
