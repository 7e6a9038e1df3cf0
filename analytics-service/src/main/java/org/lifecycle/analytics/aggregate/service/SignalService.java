package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
            out.sort(order(out));
            return out;
        });
    }

    /**
     * Dimensions in their fixed order, survey questions after them by name; within a dimension pages viewed by
     * bucket, the answers of a numeric scale (every value a number: NPS 0–10, a 1–5 rating) by value, low to high,
     * and other values by visitors, most first, then naturally by value.
     */
    private static Comparator<VisitorComparison> order(List<VisitorComparison> rows) {
        Map<String, List<String>> values = rows.stream().collect(Collectors.groupingBy(VisitorComparison::dimension,
                Collectors.mapping(VisitorComparison::value, Collectors.toList())));
        Set<String> scales = values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(VisitAttributes.ANSWER_PREFIX) && ValueOrder.isScale(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Comparator<VisitorComparison> byVisitors = Comparator
                .comparing(VisitorComparison::visitors, Comparator.reverseOrder())
                .thenComparing(VisitorComparison::value, ValueOrder.NATURAL);
        Comparator<VisitorComparison> withinDimension = (a, b) -> {
            if (a.dimension().equals(VisitAttributes.PAGES_VIEWED)) {
                return Integer.compare(bucket(a.value()), bucket(b.value()));
            }
            if (scales.contains(a.dimension())) {
                return ValueOrder.compareNumbers(a.value(), b.value());
            }
            return byVisitors.compare(a, b);
        };
        return Comparator.comparingInt((VisitorComparison c) -> rank(c.dimension()))
                .thenComparing(VisitorComparison::dimension, ValueOrder.NATURAL)
                .thenComparing(withinDimension);
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
