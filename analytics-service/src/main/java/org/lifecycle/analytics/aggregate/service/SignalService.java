package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.repository.SignalQueries;
import org.lifecycle.analytics.aggregate.repository.SignalQueries.GroupBy;
import org.lifecycle.analytics.aggregate.repository.SignalQueries.Interval;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** NPS and CSAT over time, by stage and by segment, and the comparison of converted with non-converted visitors. */
@ApplicationScoped
public class SignalService {

    /** The order dimensions are listed in; survey answers come last, by question. */
    public static final List<String> DIMENSIONS = List.of("all", VisitAttributes.SOURCE, VisitAttributes.DEVICE,
            VisitAttributes.BROWSER, VisitAttributes.OS, VisitAttributes.PAGES_VIEWED, VisitAttributes.PAGE);

    private final SignalQueries queries;
    private final AggregateConfig config;

    public SignalService(SignalQueries queries, AggregateConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Uni<List<SatisfactionFigures>> satisfaction(LocalDate from, LocalDate to, Interval interval,
            GroupBy groupBy) {
        return queries.satisfaction(from, to, interval, groupBy, config.csatSatisfiedScore()).map(rows -> rows.stream()
                .map(r -> {
                    long npsResponses = r.getLong("nps_responses");
                    long promoters = r.getLong("promoters");
                    long detractors = r.getLong("detractors");
                    long csatResponses = r.getLong("csat_responses");
                    long satisfied = r.getLong("satisfied");
                    String group = r.getString("grp");
                    return new SatisfactionFigures(r.getString("period"), groupBy == GroupBy.STAGE ? group : null,
                            groupBy == GroupBy.SEGMENT ? group : null, npsResponses, promoters,
                            r.getLong("passives"), detractors,
                            npsResponses == 0 ? null : 100.0 * (promoters - detractors) / npsResponses, csatResponses,
                            satisfied, csatResponses == 0 ? null : 100.0 * satisfied / csatResponses);
                }).toList());
    }

    /**
     * Visitors of the range who ordered in it against those who did not, per value of each dimension (or of one:
     * {@code dimension}, where {@code answer} means every survey question). The first row (dimension {@code all})
     * holds the totals.
     */
    public Uni<List<VisitorComparison>> visitors(LocalDate from, LocalDate to, String dimension) {
        return queries.visitorComparison(from, to).map(rows -> {
            long allConverted = 0;
            long allOther = 0;
            for (Row r : rows) {
                if (r.getString("dimension").equals("all")) {
                    allConverted = r.getLong("converted");
                    allOther = r.getLong("visitors") - allConverted;
                }
            }
            List<VisitorComparison> out = new ArrayList<>();
            for (Row r : rows) {
                String d = r.getString("dimension");
                if (dimension != null && !d.equals("all") && !d.equals(dimension)
                        && !(dimension.equals("answer") && d.startsWith(VisitAttributes.ANSWER_PREFIX))) {
                    continue;
                }
                long visitors = r.getLong("visitors");
                long converted = r.getLong("converted");
                long other = visitors - converted;
                out.add(new VisitorComparison(d, r.getString("value"), visitors, converted, other,
                        Figures.rate(converted, visitors), Figures.rate(converted, allConverted),
                        Figures.rate(other, allOther), perVisitor(r.getLong("converted_views"), converted),
                        perVisitor(r.getLong("other_views"), other)));
            }
            out.sort(Comparator.comparingInt((VisitorComparison c) -> rank(c.dimension()))
                    .thenComparing(VisitorComparison::dimension)
                    .thenComparingInt(c -> c.dimension().equals(VisitAttributes.PAGES_VIEWED) ? bucket(c.value()) : 0)
                    .thenComparing(VisitorComparison::visitors, Comparator.reverseOrder())
                    .thenComparing(VisitorComparison::value));
            return out;
        });
    }

    private static Double perVisitor(long views, long visitors) {
        return visitors == 0 ? null : (double) views / visitors;
    }

    private static int rank(String dimension) {
        int i = DIMENSIONS.indexOf(dimension);
        return i < 0 ? DIMENSIONS.size() : i;
    }

    private static int bucket(String value) {
        return switch (value) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            case "3-4" -> 3;
            case "5-9" -> 4;
            default -> 5;
        };
    }
}
