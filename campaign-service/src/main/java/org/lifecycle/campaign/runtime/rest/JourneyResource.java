package org.lifecycle.campaign.runtime.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.campaign.journey.definition.JourneyStatus;
import org.lifecycle.campaign.journey.library.ReadyMadeJourneys;
import org.lifecycle.campaign.problem.ProblemException;
import org.lifecycle.campaign.runtime.service.JourneyCatalog;
import org.lifecycle.campaign.runtime.service.JourneyCatalog.JourneyReport;
import org.lifecycle.campaign.runtime.service.JourneyCatalog.JourneyView;
import org.lifecycle.campaign.runtime.service.JourneyCatalog.VersionView;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/journeys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "journeys", description = "Journey definitions, versions, status and step counts")
public class JourneyResource {

    private final JourneyCatalog catalog;

    public JourneyResource(JourneyCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Every journey with its status and latest version")
    public List<JourneyView> list() {
        return catalog.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a journey (a draft, version 1) from its JSON definition (see JOURNEYS.md)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Not a valid journey: every fault with its JSON pointer")
    @APIResponse(responseCode = "409", description = "A journey with that key exists")
    public Response create(JsonNode body) {
        JourneyView created = catalog.create(requireBody(body));
        return Response.created(URI.create("/api/journeys/" + created.key())).entity(created).build();
    }

    @GET
    @Path("/library")
    @Operation(summary = "The keys of the ready-made journeys")
    public List<String> library() {
        return ReadyMadeJourneys.KEYS;
    }

    @GET
    @Path("/library/{readyMade}")
    @Operation(summary = "A ready-made journey's JSON")
    public JsonNode readyMade(@PathParam("readyMade") String readyMade) {
        if (!ReadyMadeJourneys.KEYS.contains(readyMade)) {
            throw ProblemException.notFound("No ready-made journey " + readyMade);
        }
        return ReadyMadeJourneys.json(readyMade);
    }

    @POST
    @Path("/library/{readyMade}")
    @Operation(summary = "Create a journey (a draft) from a ready-made one, under its key or the given one")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "A journey with that key exists")
    public Response createFromLibrary(@PathParam("readyMade") String readyMade,
            @Parameter(description = "The new journey's key; the ready-made key by default") @QueryParam("key") String key) {
        JourneyView created = catalog.createFromLibrary(readyMade, key);
        return Response.created(URI.create("/api/journeys/" + created.key())).entity(created).build();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "A journey: status, latest version and its definition")
    @APIResponse(responseCode = "404", description = "No such journey")
    public JourneyView get(@PathParam("key") String key) {
        return catalog.get(key);
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a new version; enrollments keep the version they entered, new entries take this one")
    @APIResponse(responseCode = "400", description = "Not a valid journey: every fault with its JSON pointer")
    @APIResponse(responseCode = "409", description = "The journey is archived")
    public JourneyView update(@PathParam("key") String key, JsonNode body) {
        return catalog.update(key, requireBody(body));
    }

    @DELETE
    @Path("/{key}")
    @Operation(summary = "Archive the journey (its versions are kept; its enrollments stop)")
    public JourneyView delete(@PathParam("key") String key) {
        return catalog.move(key, JourneyStatus.ARCHIVED);
    }

    @POST
    @Path("/{key}/activate")
    @Operation(summary = "Start enrolling customers and running enrollments")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status")
    public JourneyView activate(@PathParam("key") String key) {
        return catalog.move(key, JourneyStatus.ACTIVE);
    }

    @POST
    @Path("/{key}/pause")
    @Operation(summary = "Stop enrolling; enrollments keep their place and their due timers wait")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status")
    public JourneyView pause(@PathParam("key") String key) {
        return catalog.move(key, JourneyStatus.PAUSED);
    }

    @POST
    @Path("/{key}/archive")
    @Operation(summary = "End the journey for good: enrollments stop, messages not sent yet are suppressed")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status")
    public JourneyView archive(@PathParam("key") String key) {
        return catalog.move(key, JourneyStatus.ARCHIVED);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every version, newest first")
    public List<VersionView> versions(@PathParam("key") String key) {
        return catalog.versions(key);
    }

    @GET
    @Path("/{key}/versions/{version}")
    @Operation(summary = "One version as it was saved")
    public VersionView version(@PathParam("key") String key, @PathParam("version") int version) {
        return catalog.version(key, version);
    }

    @GET
    @Path("/{key}/steps")
    @Operation(summary = "Per version: entered, outcomes, and per step entered, waiting, sent, failed, exited")
    public JourneyReport steps(@PathParam("key") String key) {
        return catalog.report(key);
    }

    private static JsonNode requireBody(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("body", "A journey definition is required");
        }
        return body;
    }
}
