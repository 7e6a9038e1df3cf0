package org.lifecycle.analytics.aggregate.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.lifecycle.analytics.aggregate.service.CohortCell;
import org.lifecycle.analytics.aggregate.service.DailyFigures;
import org.lifecycle.analytics.aggregate.service.FigureService;
import org.lifecycle.analytics.aggregate.service.Filter;
import org.lifecycle.analytics.aggregate.service.LifecycleStage;
import org.lifecycle.analytics.aggregate.service.RangeFigures;
import org.lifecycle.analytics.aggregate.service.Reactivations;
import org.lifecycle.analytics.aggregate.service.ReportingCalendar;
import org.lifecycle.analytics.aggregate.service.StageCount;
import org.lifecycle.analytics.aggregate.service.StageFlow;

import io.smallrye.mutiny.Uni;

/**
 * Daily figures, lifecycle stages and flows, and cohorts. Tables are served as JSON, or as CSV to a client that
 * accepts {@code text/csv}.
 */
@Path("/api/analytics")
@Tag(name = "figures", description = "Daily metrics, lifecycle stages and flows, cohorts")
@APIResponse(responseCode = "400", description = "A query parameter is invalid; the problem names it", content = @Content(mediaType = QueryProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = QueryProblem.class)))
public class FigureResource {

    private static final String FROM = "First day, inclusive (yyyy-MM-dd); default: 29 days before to";
    private static final String TO = "Last day, inclusive (yyyy-MM-dd); default: today";
    private static final String STAGE = "Only customers currently in this lifecycle stage";
    private static final String SEGMENT = "Only customers currently in this segment (segment key)";

    private final FigureService figures;
    private final Calendar calendar;

    public FigureResource(FigureService figures, Calendar calendar) {
        this.figures = figures;
        this.calendar = calendar;
    }

    @GET
    @Path("/daily")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Figures of each day of the range: traffic, conversion, orders, revenue, AOV, margin, "
            + "returning buyers, time between purchases, refunds, churn")
    public Uni<List<DailyFigures>> daily(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment) {
        return figures.daily(days(from, to, stage, segment));
    }

    @GET
    @Path("/daily")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "The daily figures as CSV")
    public Uni<String> dailyCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage, @QueryParam("segment") String segment) {
        return daily(from, to, stage, segment).map(rows -> Csv.of(DailyFigures.COLUMNS, rows));
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Figures over the whole range: repeat purchase rate, churn rate, AOV, ...")
    public Uni<RangeFigures> summary(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment) {
        return figures.range(days(from, to, stage, segment));
    }

    @GET
    @Path("/stages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Customers per lifecycle stage at the end of each day")
    public Uni<List<StageCount>> stages(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Only this stage") @QueryParam("stage") String stage) {
        return figures.stages(days(from, to, stage, null));
    }

    @GET
    @Path("/stages")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "Customers per stage per day as CSV")
    public Uni<String> stagesCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage) {
        return stages(from, to, stage).map(rows -> Csv.of(StageCount.COLUMNS, rows));
    }

    @GET
    @Path("/flows")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stage transitions per (from, to) over the range, for a flow diagram, or per day")
    public Uni<List<StageFlow>> flows(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Only transitions leaving or entering this stage") @QueryParam("stage") String stage,
            @Parameter(description = "One row per day and (from, to) instead of totals") @QueryParam("byDay") boolean byDay) {
        return figures.flows(days(from, to, stage, null), byDay);
    }

    @GET
    @Path("/flows")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "Stage transitions as CSV")
    public Uni<String> flowsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage, @QueryParam("byDay") boolean byDay) {
        return flows(from, to, stage, byDay).map(rows -> Csv.of(StageFlow.COLUMNS, rows));
    }

    @GET
    @Path("/lifecycle-stages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The stages customers have entered up to the day to, in drawing order, with labels", description = "The default model's stages in its order, then the HubSpot preset's in the preset's order, "
            + "then any other stage by the first day a customer entered it; the order of /stages and /flows.")
    public Uni<List<LifecycleStage>> lifecycleStages(@Parameter(description = TO) @QueryParam("to") String to) {
        return figures.lifecycleStages(days(null, to, null, null));
    }

    @GET
    @Path("/calendar")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The zone the figures' days are cut in (lifecycle.analytics.zone) and today's date there")
    public ReportingCalendar reportingCalendar() {
        return new ReportingCalendar(calendar.zone().getId(), calendar.today());
    }

    @GET
    @Path("/reactivations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reactivations (lapsed or at-risk customers who ordered again) per day")
    public Uni<List<Reactivations>> reactivations(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Only reactivations from or into this stage") @QueryParam("stage") String stage) {
        return figures.reactivations(days(from, to, stage, null));
    }

    @GET
    @Path("/reactivations")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "Reactivations per day as CSV")
    public Uni<String> reactivationsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage) {
        return reactivations(from, to, stage).map(rows -> Csv.of(Reactivations.COLUMNS, rows));
    }

    @GET
    @Path("/cohorts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cohort matrix: customers by month of first order x months since, with retention, "
            + "cumulative revenue and lifetime value per customer")
    public Uni<List<CohortCell>> cohorts(
            @Parameter(description = "First cohort month (yyyy-MM); default: 23 months before to") @QueryParam("from") String from,
            @Parameter(description = "Last cohort month (yyyy-MM); default: this month") @QueryParam("to") String to,
            @Parameter(description = STAGE) @QueryParam("stage") String stage,
            @Parameter(description = SEGMENT) @QueryParam("segment") String segment) {
        return figures.cohorts(QueryParameters.months(from, to, stage, segment, calendar.today()));
    }

    @GET
    @Path("/cohorts")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "The cohort matrix as CSV")
    public Uni<String> cohortsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("stage") String stage, @QueryParam("segment") String segment) {
        return cohorts(from, to, stage, segment).map(rows -> Csv.of(CohortCell.COLUMNS, rows));
    }

    private Filter days(String from, String to, String stage, String segment) {
        return QueryParameters.days(from, to, stage, segment, calendar.today());
    }
}
