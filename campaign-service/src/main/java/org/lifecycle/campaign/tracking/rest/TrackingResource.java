package org.lifecycle.campaign.tracking.rest;

import java.net.URI;
import java.util.Base64;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.campaign.problem.ProblemException;
import org.lifecycle.campaign.tracking.TrackingLinks;
import org.lifecycle.campaign.tracking.TrackingSettings;
import org.lifecycle.campaign.tracking.TrackingToken;
import org.lifecycle.campaign.tracking.service.TrackingEvents.Hit;
import org.lifecycle.campaign.tracking.service.TrackingService;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The public ends of tracking links. Each takes a signed token and nothing else: a token that is not genuine, or not
 * of the endpoint's kind, is a 404 that says no more, and a click leads only to the URL signed into its token, so
 * there is no open redirect and no id to guess.
 */
@Path("/t")
@Tag(name = "tracking", description = "Open pixel, click redirect and unsubscribe links in messages (public)")
public class TrackingResource {

    /** A transparent 1x1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingLinks links;
    private final TrackingService tracking;
    private final TrackingSettings settings;

    public TrackingResource(TrackingLinks links, TrackingService tracking, TrackingSettings settings) {
        this.links = links;
        this.tracking = tracking;
        this.settings = settings;
    }

    @CheckedTemplate
    static class Templates {

        /**
         * @param done whether the customer is unsubscribed; false when the page asks them to confirm
         * @param action the URL the confirmation button posts to
         */
        static native TemplateInstance unsubscribe(boolean done, String channel, String action);
    }

    @GET
    @Path("/o/{token}")
    @Produces("image/gif")
    @Operation(summary = "Open pixel", description = "Emits Email Opened once per message within the dedupe window")
    @APIResponse(responseCode = "200", description = "A transparent 1x1 GIF")
    @APIResponse(responseCode = "404", description = "Not a tracking link")
    public Uni<Response> open(@Parameter(description = "The signed token") @PathParam("token") String token,
            @HeaderParam("User-Agent") String userAgent) {
        TrackingToken found = verified(token, TrackingToken.Kind.OPEN);
        return recordQuietly(Hit.OPENED, found, userAgent)
                .map(done -> noStore(Response.ok(PIXEL, "image/gif")).build());
    }

    @GET
    @Path("/c/{token}")
    @Operation(summary = "Click redirect", description = "Emits Email Link Clicked with the URL and redirects to it; "
            + "the URL is the one signed into the token, nothing else")
    @APIResponse(responseCode = "302", description = "To the link's destination")
    @APIResponse(responseCode = "404", description = "Not a tracking link")
    public Uni<Response> click(@Parameter(description = "The signed token") @PathParam("token") String token,
            @HeaderParam("User-Agent") String userAgent) {
        TrackingToken found = verified(token, TrackingToken.Kind.CLICK);
        if (!TrackingLinks.isTrackable(found.url())) {
            throw notFound();
        }
        return recordQuietly(Hit.CLICKED, found, userAgent)
                .map(done -> noStore(Response.status(Response.Status.FOUND).location(URI.create(found.url().strip())))
                        .header("Referrer-Policy", "no-referrer").build());
    }

    @GET
    @Path("/u/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe link", description = "Withdraws consent on the message's channel and emits "
            + "Unsubscribed, then confirms it (with lifecycle.tracking.unsubscribe-on-get=false, asks to confirm "
            + "with a button first)")
    @APIResponse(responseCode = "200", description = "A page saying the customer is unsubscribed")
    @APIResponse(responseCode = "404", description = "Not a tracking link")
    public Uni<String> unsubscribePage(@Parameter(description = "The signed token") @PathParam("token") String token,
            @HeaderParam("User-Agent") String userAgent) {
        TrackingToken found = verified(token, TrackingToken.Kind.UNSUBSCRIBE);
        if (!settings.unsubscribeOnGet()) {
            return Templates.unsubscribe(false, found.channel().wireName(), "/t/u/" + token).createUni();
        }
        return unsubscribe(found, userAgent);
    }

    @POST
    @Path("/u/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One-click unsubscribe (RFC 8058)", description = "What mailbox providers post to from the "
            + "List-Unsubscribe header (body List-Unsubscribe=One-Click); withdraws consent and emits Unsubscribed")
    @APIResponse(responseCode = "200", description = "Unsubscribed")
    @APIResponse(responseCode = "404", description = "Not a tracking link")
    public Uni<String> unsubscribeOneClick(
            @Parameter(description = "The signed token") @PathParam("token") String token,
            @HeaderParam("User-Agent") String userAgent) {
        return unsubscribe(verified(token, TrackingToken.Kind.UNSUBSCRIBE), userAgent);
    }

    private Uni<String> unsubscribe(TrackingToken token, String userAgent) {
        return tracking.record(Hit.UNSUBSCRIBED, token, userAgent)
                .flatMap(done -> Templates.unsubscribe(true, token.channel().wireName(), null).createUni());
    }

    /**
     * An open or a click that cannot be recorded (the database is away) still shows the image or follows the link:
     * the recipient comes first; the hit is lost and logged.
     */
    private Uni<Boolean> recordQuietly(Hit hit, TrackingToken token, String userAgent) {
        return tracking.record(hit, token, userAgent).onFailure().recoverWithItem(failure -> {
            Log.warnf("A %s of message %s was not recorded: %s", hit.key(), token.messageId(), failure.getMessage());
            return false;
        });
    }

    private TrackingToken verified(String token, TrackingToken.Kind kind) {
        return links.verify(token, kind).orElseThrow(TrackingResource::notFound);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No such link");
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
                .header("Pragma", "no-cache");
    }
}
