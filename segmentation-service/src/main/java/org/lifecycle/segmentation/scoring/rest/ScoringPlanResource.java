package org.lifecycle.segmentation.scoring.rest;

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
import org.lifecycle.segmentation.scoring.service.ScoringPlanService;
import org.lifecycle.segmentation.scoring.service.ScoringPlanService.Batch;
import org.lifecycle.segmentation.scoring.service.ScoringPlanView;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/api/scoring-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scoring plans", description = "Lead and engagement scores: points per event or condition, caps and decay")
public class ScoringPlanResource {

    private static final String EXAMPLE = """
            {"key": "engagement", "name": "Engagement", "cap": 100,
             "decay": {"half_life_days": 30, "expire_after_days": 180},
             "rules": [
               {"key": "clicks", "event": "Email Link Clicked", "points": 5, "cap": 25},
               {"key": "forms", "event": "Form Submitted", "points": 20},
               {"key": "visits", "event": "Page Viewed", "points": 1, "cap": 10, "decay": {"expire_after_days": 7}},
               {"key": "decision_maker", "when": {"trait": "job_title", "op": "in", "value": ["CTO", "CEO"]},
                "points": 15},
               {"key": "unsubscribed", "event": "Unsubscribed", "points": -30}
             ]}""";

    private final ScoringPlanService plans;

    public ScoringPlanResource(ScoringPlanService plans) {
        this.plans = plans;
    }

    @GET
    @Operation(summary = "The scoring plans in force, by key")
    @APIResponse(responseCode = "200", description = "The plans, each at its latest version")
    public Uni<List<ScoringPlanView>> list() {
        return plans.list();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or change several plans at once", description = "{\"plans\": [...]}: each plan whose "
            + "definition differs from the one in force is stored as its next version, in one transaction, and one "
            + "job re-scores every profile. Plans not named are left as they are. Every violation is listed, pointed "
            + "at in the body (/plans/1/rules/0/points).")
    @APIResponse(responseCode = "200", description = "The plans as stored, and the job (null when nothing changed)")
    @APIResponse(responseCode = "400", description = "A plan is invalid; nothing is stored")
    public Uni<Batch> putAll(JsonNode body) {
        return plans.putAll(body);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "The plan in force under a key")
    @APIResponse(responseCode = "200", description = "The plan at its latest version")
    @APIResponse(responseCode = "404", description = "No such plan, or it was deleted")
    public Uni<ScoringPlanView> get(@Parameter(description = "e.g. engagement") @PathParam("key") String key) {
        return plans.get(key);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every version of a plan, oldest first, deletions included")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "404", description = "No plan was ever stored under the key")
    public Uni<List<ScoringPlanView>> versions(@PathParam("key") String key) {
        return plans.versions(key);
    }

    @GET
    @Path("/{key}/versions/{version}")
    @Operation(summary = "One version of a plan")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<ScoringPlanView> version(@PathParam("key") String key, @PathParam("version") int version) {
        return plans.version(key, version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a scoring plan", description = "Stores version 1 of the plan, puts it in force and starts "
            + "a job (kind scoring_backfill) that scores every profile; GET /api/jobs/{id} reports its progress. "
            + "Invalid plans are refused with every violation, each pointed at in the body.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "engagement", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The plan, its version and its job")
    @APIResponse(responseCode = "400", description = "The plan is invalid; every violation is listed")
    @APIResponse(responseCode = "409", description = "A plan with the key exists")
    public Uni<Response> create(JsonNode body) {
        return plans.create(body).map(created -> Response
                .created(URI.create("/api/scoring-plans/" + created.key())).entity(created).build());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a scoring plan", description = "Stores the next version, puts it in force and starts "
            + "the job that re-scores every profile.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "engagement", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version and its job")
    @APIResponse(responseCode = "400", description = "The plan is invalid; every violation is listed")
    @APIResponse(responseCode = "404", description = "No such plan")
    public Uni<ScoringPlanView> update(@PathParam("key") String key, JsonNode body) {
        return plans.update(key, body);
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Delete a scoring plan", description = "Stores a version without a definition and starts the "
            + "job that takes the score off every profile; segments reading it lose their members.")
    @APIResponse(responseCode = "200", description = "The deleting version and its job")
    @APIResponse(responseCode = "404", description = "No such plan")
    public Uni<ScoringPlanView> delete(@PathParam("key") String key) {
        return plans.delete(key);
    }
}
