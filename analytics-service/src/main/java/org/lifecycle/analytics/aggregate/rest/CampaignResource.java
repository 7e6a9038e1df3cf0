package org.lifecycle.analytics.aggregate.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.analytics.aggregate.service.Calendar;
import org.lifecycle.analytics.aggregate.service.CampaignResult;
import org.lifecycle.analytics.aggregate.service.CampaignService;
import org.lifecycle.analytics.aggregate.service.CampaignService.Metric;
import org.lifecycle.analytics.aggregate.service.Filter;
import org.lifecycle.analytics.aggregate.service.HoldoutUplift;
import org.lifecycle.analytics.aggregate.service.VariantComparison;

import io.smallrye.mutiny.Uni;

/** Campaign response per journey, step, variant and segment; A/B significance and holdout uplift. */
@Path("/api/analytics/campaigns")
@Tag(name = "campaigns", description = "Campaign results, A/B tests and holdout uplift")
@APIResponse(responseCode = "400", description = "A query parameter is invalid; the problem names it", content = @Content(mediaType = QueryProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = QueryProblem.class)))
public class CampaignResource {

    private static final String FROM = "First day of first sends, inclusive (yyyy-MM-dd); default: 29 days before to";
    private static final String TO = "Last day of first sends, inclusive (yyyy-MM-dd); default: today";
    private static final String STAGE = "Only recipients who were in this stage when first sent the message";
    private static final String SEGMENT = "Only recipients who were in this segment when first sent the message";
    private static final String WINDOW = "Attribution window in days (1 to 365); default: the service's setting";

    private final CampaignService campaigns;
    private final Calendar calendar;

    public CampaignResource(CampaignService campaigns, Calendar calendar) {
        this.campaigns = campaigns;
        this.calendar = calendar;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sent, delivered, opened, clicked, unsubscribed, converted and attributed revenue with "
            + "rates, per journey, step and variant, and per segment on request")
    public Uni<List<CampaignResult>> results(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment,
            @Parameter(description = "Only this journey") @QueryParam("journey") String journey,
            @Parameter(description = "One row per segment of the recipients too") @QueryParam("bySegment") boolean bySegment,
            @Parameter(description = WINDOW) @QueryParam("windowDays") String windowDays) {
        Filter filter = filter(from, to, stage, segment);
        return campaigns.results(filter, QueryParameters.text("journey", journey), window(windowDays), bySegment);
    }

    @GET
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "Campaign results as CSV")
    public Uni<String> resultsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage, @QueryParam("segment") String segment,
            @QueryParam("journey") String journey, @QueryParam("bySegment") boolean bySegment,
            @QueryParam("windowDays") String windowDays) {
        return results(from, to, stage, segment, journey, bySegment, windowDays)
                .map(rows -> Csv.of(CampaignResult.COLUMNS, rows));
    }

    @GET
    @Path("/{journeyId}/ab-tests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each variant of each step against the reference variant: two-proportion z-test with "
            + "p-value and confidence interval of the difference")
    public Uni<List<VariantComparison>> abTests(@PathParam("journeyId") String journeyId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment,
            @Parameter(description = "converted (default), clicked or opened") @QueryParam("metric") String metric,
            @Parameter(description = "The reference variant; default: the first in alphabetical order") @QueryParam("reference") String reference,
            @Parameter(description = WINDOW) @QueryParam("windowDays") String windowDays) {
        Metric parsed = metric == null || metric.isBlank() ? Metric.CONVERTED : Metric.parse(metric.trim());
        if (parsed == null) {
            throw new InvalidQueryException("metric", "metric must be converted, clicked or opened, found " + metric);
        }
        return campaigns.abTests(filter(from, to, stage, segment), journeyId, parsed, window(windowDays),
                QueryParameters.text("reference", reference));
    }

    @GET
    @Path("/{journeyId}/ab-tests")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "A/B test results as CSV")
    public Uni<String> abTestsCsv(@PathParam("journeyId") String journeyId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("stage") String stage, @QueryParam("segment") String segment,
            @QueryParam("metric") String metric, @QueryParam("reference") String reference,
            @QueryParam("windowDays") String windowDays) {
        return abTests(journeyId, from, to, stage, segment, metric, reference, windowDays)
                .map(rows -> Csv.of(VariantComparison.COLUMNS, rows));
    }

    @GET
    @Path("/{journeyId}/holdout")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Holdout uplift: treatment conversion rate minus holdout conversion rate, with p-value "
            + "and confidence interval")
    public Uni<HoldoutUplift> holdout(@PathParam("journeyId") String journeyId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment,
            @Parameter(description = WINDOW) @QueryParam("windowDays") String windowDays) {
        return campaigns.holdout(filter(from, to, stage, segment), journeyId, window(windowDays));
    }

    private Filter filter(String from, String to, String stage, String segment) {
        return QueryParameters.days(from, to, stage, segment, calendar.today());
    }

    private int window(String windowDays) {
        return QueryParameters.windowDays(windowDays, campaigns.defaultWindowDays());
    }
}
