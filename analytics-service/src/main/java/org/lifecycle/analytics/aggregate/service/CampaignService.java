package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.repository.AggregateQueries;
import org.lifecycle.analytics.stats.ProportionComparison;
import org.lifecycle.analytics.stats.TwoProportionTest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Campaign response per journey, step, variant and segment; A/B tests and holdout uplift. */
@ApplicationScoped
public class CampaignService {

    private final AggregateQueries queries;
    private final AggregateConfig config;

    public CampaignService(AggregateQueries queries, AggregateConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public int defaultWindowDays() {
        return config.attributionWindowDays();
    }

    public Uni<List<CampaignResult>> results(Filter filter, String journeyId, int windowDays, boolean bySegment) {
        return queries.campaigns(filter, journeyId, windowDays, bySegment)
                .map(rows -> rows.stream().map(CampaignService::result).toList());
    }

    /**
     * Each variant of each step of the journey against the reference variant (the one named, else the first in
     * alphabetical order), on the given metric over customers sent.
     */
    public Uni<List<VariantComparison>> abTests(Filter filter, String journeyId, Metric metric, int windowDays,
            String reference) {
        return results(filter, journeyId, windowDays, false).map(results -> {
            Map<String, List<CampaignResult>> bySteps = new LinkedHashMap<>();
            results.forEach(r -> bySteps.computeIfAbsent(r.stepId(), s -> new ArrayList<>()).add(r));
            List<VariantComparison> comparisons = new ArrayList<>();
            bySteps.forEach((step, variants) -> {
                if (variants.size() < 2) {
                    return;
                }
                CampaignResult base = variants.stream().filter(v -> v.variant().equals(reference)).findFirst()
                        .orElse(variants.get(0));
                for (CampaignResult variant : variants) {
                    if (variant == base || variant.sent() == 0 || base.sent() == 0) {
                        continue;
                    }
                    long successes = metric.successes.applyAsLong(variant);
                    long baseSuccesses = metric.successes.applyAsLong(base);
                    ProportionComparison c = TwoProportionTest.compare(successes, variant.sent(), baseSuccesses,
                            base.sent(), config.confidence());
                    comparisons.add(new VariantComparison(journeyId, step, metric.wireName, variant.variant(),
                            base.variant(), variant.sent(), successes, base.sent(), baseSuccesses, c.p1(), c.p2(),
                            c.difference(), c.z(), c.pValue(), c.confidence(), c.newcombeLower(), c.newcombeUpper(),
                            c.waldLower(), c.waldUpper(), c.significant()));
                }
            });
            return comparisons;
        });
    }

    public Uni<HoldoutUplift> holdout(Filter filter, String journeyId, int windowDays) {
        return queries.holdout(filter, journeyId, windowDays).map(rows -> {
            Row treatment = rows.stream().filter(r -> r.getString("grp").equals("treatment")).findFirst()
                    .orElse(null);
            Row holdout = rows.stream().filter(r -> r.getString("grp").equals("holdout")).findFirst().orElse(null);
            long tn = treatment == null ? 0 : treatment.getLong("customers");
            long tx = treatment == null ? 0 : treatment.getLong("converted");
            long hn = holdout == null ? 0 : holdout.getLong("customers");
            long hx = holdout == null ? 0 : holdout.getLong("converted");
            BigDecimal tRevenue = treatment == null ? BigDecimal.ZERO : treatment.getBigDecimal("revenue");
            BigDecimal hRevenue = holdout == null ? BigDecimal.ZERO : holdout.getBigDecimal("revenue");
            ProportionComparison c = tn > 0 && hn > 0
                    ? TwoProportionTest.compare(tx, tn, hx, hn, config.confidence())
                    : null;
            return new HoldoutUplift(journeyId, windowDays, tn, tx, Figures.rate(tx, tn),
                    Figures.money(tRevenue, tn), hn, hx, Figures.rate(hx, hn), Figures.money(hRevenue, hn),
                    c == null ? null : c.difference(),
                    c == null || c.p2() == 0 ? null : c.difference() / c.p2(),
                    c == null ? null : c.z(), c == null ? null : c.pValue(), config.confidence(),
                    c == null ? null : c.newcombeLower(), c == null ? null : c.newcombeUpper(),
                    c == null ? null : c.waldLower(), c == null ? null : c.waldUpper());
        });
    }

    private static CampaignResult result(Row r) {
        long sent = r.getLong("sent");
        long delivered = r.getLong("delivered");
        long opened = r.getLong("opened");
        long clicked = r.getLong("clicked");
        long unsubscribed = r.getLong("unsubscribed");
        long converted = r.getLong("converted");
        BigDecimal revenue = r.getBigDecimal("attributed_revenue");
        return new CampaignResult(r.getString("journey_id"), r.getString("step_id"), r.getString("variant"),
                r.getString("segment"), sent, delivered, opened, clicked, unsubscribed, converted, revenue,
                Figures.rate(delivered, sent), Figures.rate(opened, sent), Figures.rate(clicked, sent),
                Figures.rate(unsubscribed, sent), Figures.rate(converted, sent), Figures.money(revenue, sent));
    }

    /** The response an A/B test compares, each over customers sent. */
    public enum Metric {
        CONVERTED("converted", CampaignResult::converted), CLICKED("clicked", CampaignResult::clicked), OPENED("opened",
                CampaignResult::opened);

        private final String wireName;
        private final ToLongFunction<CampaignResult> successes;

        Metric(String wireName, ToLongFunction<CampaignResult> successes) {
            this.wireName = wireName;
            this.successes = successes;
        }

        public String wireName() {
            return wireName;
        }

        public static Metric parse(String value) {
            for (Metric metric : values()) {
                if (metric.wireName.equals(value)) {
                    return metric;
                }
            }
            return null;
        }
    }
}
