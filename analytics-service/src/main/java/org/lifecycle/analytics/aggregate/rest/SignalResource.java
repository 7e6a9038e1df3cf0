package org.lifecycle.analytics.aggregate.rest;

import java.util.List;
import java.util.Locale;

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
import org.lifecycle.analytics.aggregate.repository.SignalQueries.GroupBy;
import org.lifecycle.analytics.aggregate.repository.SignalQueries.Interval;
import org.lifecycle.analytics.aggregate.service.Calendar;
import org.lifecycle.analytics.aggregate.service.Filter;
import org.lifecycle.analytics.aggregate.service.SatisfactionFigures;
import org.lifecycle.analytics.aggregate.service.SignalService;
import org.lifecycle.analytics.aggregate.service.VisitAttributes;
import org.lifecycle.analytics.aggregate.service.VisitorComparison;

import io.smallrye.mutiny.Uni;

/**
 * What customers say (Net Promoter Score and customer satisfaction, over time, by stage and by segment) and how
 * visitors who ordered differ from those who did not. JSON, or CSV to a client that accepts {@code text/csv}.
 */
@Path("/api/analytics")
@Tag(name = "satisfaction and visitors", description = "NPS and CSAT; converted against non-converted visitors")
@APIResponse(responseCode = "400", description = "A query parameter is invalid; the problem names it", content = @Content(mediaType = QueryProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = QueryProblem.class)))
public class SignalResource {

    private static final String FROM = "First day, inclusive (yyyy-MM-dd); default: 29 days before to";
    private static final String TO = "Last day, inclusive (yyyy-MM-dd); default: today";
    private static final String INTERVAL = "day, month (default) or all (one row for the whole range)";
    private static final String GROUP_BY = "none (default), stage (the stage each customer was in when answering) "
            + "or segment (each segment they were in when answering)";
    private static final String DIMENSION = "Only this dimension (besides the totals): source, device, browser, os, "
            + "pages_viewed, page, answer (every survey question) or answer:<question reference>";

    private final SignalService signals;
    private final Calendar calendar;

    public SignalResource(SignalService signals, Calendar calendar) {
        this.signals = signals;
        this.calendar = calendar;
    }

    @GET
    @Path("/satisfaction")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Net Promoter Score (% promoters - % detractors) and CSAT (% satisfied) from survey answers "
            + "and support ratings, per day or month, overall or by the stage or segment at answer time")
    public Uni<List<SatisfactionFigures>> satisfaction(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = INTERVAL) @QueryParam("interval") String interval,
            @Parameter(description = GROUP_BY) @QueryParam("groupBy") String groupBy) {
        Filter days = QueryParameters.days(from, to, null, null, calendar.today());
        return signals.satisfaction(days.from(), days.to(), choice("interval", interval, Interval.class,
                Interval.MONTH), choice("groupBy", groupBy, GroupBy.class, GroupBy.NONE));
    }

    @GET
    @Path("/satisfaction")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "NPS and CSAT as CSV")
    public Uni<String> satisfactionCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval, @QueryParam("groupBy") String groupBy) {
        return satisfaction(from, to, interval, groupBy).map(rows -> Csv.of(SatisfactionFigures.COLUMNS, rows));
    }

    @GET
    @Path("/visitors/comparison")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Visitors of the range who ordered in it against those who did not, by traffic source, "
            + "device, browser, OS, pages viewed, page and survey answer; the first row holds the totals")
    public Uni<List<VisitorComparison>> visitors(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = DIMENSION) @QueryParam("dimension") String dimension) {
        Filter days = QueryParameters.days(from, to, null, null, calendar.today());
        return signals.visitors(days.from(), days.to(), dimension(dimension));
    }

    @GET
    @Path("/visitors/comparison")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "Converted against non-converted visitors as CSV")
    public Uni<String> visitorsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("dimension") String dimension) {
        return visitors(from, to, dimension).map(rows -> Csv.of(VisitorComparison.COLUMNS, rows));
    }

    private static String dimension(String value) {
        String text = QueryParameters.text("dimension", value);
        if (text == null) {
            return null;
        }
        if (text.equals("answer") || (text.startsWith(VisitAttributes.ANSWER_PREFIX)
                && text.length() > VisitAttributes.ANSWER_PREFIX.length())
                || (SignalService.DIMENSIONS.contains(text) && !text.equals("all"))) {
            return text;
        }
        throw new InvalidQueryException("dimension", "dimension must be one of source, device, browser, os, "
                + "pages_viewed, page, answer or answer:<question>, found " + value);
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback) {
        String text = QueryParameters.text(field, value);
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new InvalidQueryException(field, field + " must be one of " + names + ", found " + value);
        }
    }
}
