package org.lifecycle.segmentation.profile.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.lifecycle.segmentation.problem.Problem;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.problem.ProblemMapper;
import org.lifecycle.segmentation.problem.QueryParameters;
import org.lifecycle.segmentation.profile.service.MembershipEntry;
import org.lifecycle.segmentation.profile.service.ProfileCursor;
import org.lifecycle.segmentation.profile.service.ProfileDetails;
import org.lifecycle.segmentation.profile.service.ProfileExplanation;
import org.lifecycle.segmentation.profile.service.ProfileFilter;
import org.lifecycle.segmentation.profile.service.ProfilePage;
import org.lifecycle.segmentation.profile.service.ProfileReader;
import org.lifecycle.segmentation.profile.service.TransitionEntry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profiles", description = "Customers' profiles, ledgers and why they are where they are")
public class ProfileResource {

    static final String CSV = "text/csv";
    private static final String STAGE = "stage";
    private static final String RFM = "rfm";
    private static final String SEGMENT = "segment";
    private static final String USER_ID = "userId";
    private static final String ANONYMOUS_ID = "anonymousId";
    private static final String EMAIL = "email";
    private static final String LIMIT = "limit";
    private static final Set<String> FILTERS = Set.of(STAGE, RFM, SEGMENT, USER_ID, ANONYMOUS_ID, EMAIL);
    private static final Set<String> LISTING = Set.of(STAGE, RFM, SEGMENT, USER_ID, ANONYMOUS_ID, EMAIL, LIMIT,
            ProfileCursor.PARAMETER);

    private final ProfileReader reader;

    public ProfileResource(ProfileReader reader) {
        this.reader = reader;
    }

    @GET
    @Operation(summary = "List or look up profiles", description = "Every profile in profile id order, a page at a time, or those in one stage, RFM group or "
            + "segment, or the one a user id, anonymous id or email (case-insensitive) names. At most one "
            + "filter.")
    @APIResponse(responseCode = "200", description = "A page of profiles", content = @Content(schema = @Schema(implementation = ProfilePage.class)))
    @APIResponse(responseCode = "400", description = "An unknown or repeated parameter, more than one filter, an "
            + "unknown stage, group or segment, a limit out of range or a cursor not handed out here", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfilePage> list(@Context UriInfo uri,
            @Parameter(description = "A stage of the active stage model", example = "active") @QueryParam(STAGE) String stage,
            @Parameter(description = "An RFM group", example = "champions") @QueryParam(RFM) String rfm,
            @Parameter(description = "A segment key: stage.<stage>, rfm.<group>, behaviour.<key> or a custom key", example = "behaviour.engaged") @QueryParam(SEGMENT) String segment,
            @Parameter(description = "The profile a user id resolves to") @QueryParam(USER_ID) String userId,
            @Parameter(description = "The profile an anonymous id resolves to") @QueryParam(ANONYMOUS_ID) String anonymousId,
            @Parameter(description = "Profiles with this email, case-insensitive") @QueryParam(EMAIL) String email,
            @Parameter(description = "Profiles per page, 1 to 1000", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam(LIMIT) String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam(ProfileCursor.PARAMETER) String cursor) {
        QueryParameters.requireKnown(uri, LISTING);
        ProfileFilter filter = reader.filter(filters(stage, rfm, segment, userId, anonymousId, email));
        int size = QueryParameters.intIn(LIMIT, limit, 1, 1000, 100);
        UUID after = cursor == null ? null : ProfileCursor.decode(cursor);
        return reader.list(filter, after, size);
    }

    @GET
    @Path("export")
    @Produces(CSV)
    @Operation(summary = "Export profiles as CSV", description = "The profiles a listing with the same filter would return, all of them, streamed as RFC 4180 "
            + "CSV with the header profile_id,user_id,email,stage,stage_since,rfm_group,segments "
            + "(segments joined with ;).")
    @APIResponse(responseCode = "200", description = "The CSV file, as an attachment", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "An unknown or repeated parameter, more than one filter, or an "
            + "unknown stage, group or segment", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Multi<String> export(@Context UriInfo uri,
            @Parameter(description = "A stage of the active stage model") @QueryParam(STAGE) String stage,
            @Parameter(description = "An RFM group") @QueryParam(RFM) String rfm,
            @Parameter(description = "A segment key") @QueryParam(SEGMENT) String segment,
            @Parameter(description = "The profile a user id resolves to") @QueryParam(USER_ID) String userId,
            @Parameter(description = "The profile an anonymous id resolves to") @QueryParam(ANONYMOUS_ID) String anonymousId,
            @Parameter(description = "Profiles with this email, case-insensitive") @QueryParam(EMAIL) String email) {
        QueryParameters.requireKnown(uri, FILTERS);
        ProfileFilter filter = reader.filter(filters(stage, rfm, segment, userId, anonymousId, email));
        Multi<String> csv = Multi.createBy().concatenating().streams(Multi.createFrom().item(ProfileCsv.HEADER),
                reader.export(filter).map(ProfileCsv::lines));
        return RestMulti.fromMultiData(csv)
                .header("Content-Disposition", "attachment; filename=\"profiles.csv\"")
                .header("Content-Type", CSV + "; charset=utf-8")
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A customer's full profile")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(schema = @Schema(implementation = ProfileDetails.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileDetails> profile(
            @Parameter(description = "The profile id") @PathParam("id") String id) {
        return reader.profile(id(id));
    }

    @GET
    @Path("{id}/transitions")
    @Operation(summary = "A customer's stage transitions, oldest first", description = "The ledger: every stage change with its moment (event time), cause and the rule that "
            + "matched.")
    @APIResponse(responseCode = "200", description = "The ledger", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TransitionEntry.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<List<TransitionEntry>> transitions(
            @Parameter(description = "The profile id") @PathParam("id") String id) {
        return reader.transitions(id(id));
    }

    @GET
    @Path("{id}/memberships")
    @Operation(summary = "A customer's segment entries and exits, oldest first")
    @APIResponse(responseCode = "200", description = "The history", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MembershipEntry.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MembershipEntry>> memberships(
            @Parameter(description = "The profile id") @PathParam("id") String id) {
        return reader.memberships(id(id));
    }

    @GET
    @Path("{id}/explanation")
    @Operation(summary = "Why the customer has their stage, RFM group and segments", description = "Evaluates the definitions in force on the stored facts at the service's time: the stage "
            + "model's rule and facts, the RFM cell, and for every behaviour and custom segment its rule and "
            + "the tree of conditions with what was observed.")
    @APIResponse(responseCode = "200", description = "The explanation", content = @Content(schema = @Schema(implementation = ProfileExplanation.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileExplanation> explanation(
            @Parameter(description = "The profile id") @PathParam("id") String id) {
        return reader.explain(id(id));
    }

    /** The filter parameters present, in the order the API lists them. */
    private static Map<String, String> filters(String stage, String rfm, String segment, String userId,
            String anonymousId, String email) {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, STAGE, stage);
        put(given, RFM, rfm);
        put(given, SEGMENT, segment);
        put(given, USER_ID, userId);
        put(given, ANONYMOUS_ID, anonymousId);
        put(given, EMAIL, email);
        return given;
    }

    private static void put(Map<String, String> given, String name, String value) {
        if (value != null) {
            given.put(name, value);
        }
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "id must be a profile id (a UUID), found " + id);
        }
    }
}
