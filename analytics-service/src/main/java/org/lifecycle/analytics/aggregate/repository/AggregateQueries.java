package org.lifecycle.analytics.aggregate.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.service.AggregateConfig;
import org.lifecycle.analytics.aggregate.service.Filter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The read queries over the aggregate tables. Parameters $1..$4 are always the filter's from, to, stage and segment;
 * a null stage or segment means "any".
 */
@ApplicationScoped
public class AggregateQueries {

    /** Customers (by identity key in column {@code k}) allowed by the stage ($3) and segment ($4) filters. */
    private static final String CUSTOMER_FILTER = """
            ($3::text is null or exists (select 1 from profile_stage ps where ps.identity_key = %1$s and ps.stage = $3))
            and ($4::text is null or exists (select 1 from segment_member sm
                                             where sm.identity_key = %1$s and sm.segment_key = $4))""";

    private static final String ORDER_HISTORY = """
            with scoped as (
                select o.order_id, o.customer_key, o.occurred_at, o.day, o.revenue, o.cost
                from customer_order o
                where o.day <= $2 and %s
            ),
            history as (
                select s.*, extract(epoch from s.occurred_at - lag(s.occurred_at)
                            over (partition by s.customer_key order by s.occurred_at, s.order_id)) / 86400.0 as gap_days
                from scoped s
                where s.customer_key in (select customer_key from scoped where day between $1 and $2)
            )
            """.formatted(CUSTOMER_FILTER.formatted("o.customer_key"));

    private static final String ORDER_FIGURES = """
            count(*) as orders, count(distinct customer_key) as buyers, coalesce(sum(revenue), 0) as revenue,
            count(cost) as costed_orders, count(distinct customer_key) filter (where cost is not null) as costed_buyers,
            coalesce(sum(revenue - cost), 0) as margin,
            count(distinct customer_key) filter (where gap_days is not null) as returning_buyers,
            avg(gap_days) as mean_gap, percentile_cont(0.5) within group (order by gap_days) as median_gap""";

    private final Pool pool;
    private final String zone;

    public AggregateQueries(Pool pool, AggregateConfig config) {
        this.pool = pool;
        this.zone = config.zone().getId();
    }

    public Uni<List<Row>> dailyOrders(Filter filter) {
        return rows(ORDER_HISTORY + "select day, " + ORDER_FIGURES
                + " from history where day between $1 and $2 group by day order by day", filter);
    }

    public Uni<Row> rangeOrders(Filter filter) {
        return rows(ORDER_HISTORY + "select " + ORDER_FIGURES + """
                , (select count(*) from (select customer_key from history where day between $1 and $2
                                         group by customer_key having count(*) >= 2) r) as repeat_customers
                from history where day between $1 and $2""", filter).map(list -> list.get(0));
    }

    /**
     * Visitors per day ({@code visitors}) and, of them, those with an order on the same day ({@code converted}): the
     * numerator of the conversion rate is taken from the denominator's own visitors, so the rate never exceeds 1.
     */
    public Uni<List<Row>> dailyVisitors(Filter filter) {
        return rows("""
                select v.day, count(*) as visitors,
                       count(*) filter (where exists (select 1 from customer_order o
                                                      where o.customer_key = v.visitor_key and o.day = v.day))
                           as converted
                from daily_visitor v where v.day between $1 and $2 and %s
                group by v.day order by v.day""".formatted(CUSTOMER_FILTER.formatted("v.visitor_key")), filter);
    }

    /** Visitors of the range ({@code visitors}) and, of them, those with an order in the range ({@code converted}). */
    public Uni<Row> rangeVisitors(Filter filter) {
        return rows("""
                with visitors as (
                    select distinct v.visitor_key from daily_visitor v where v.day between $1 and $2 and %s
                )
                select count(*) as visitors,
                       count(*) filter (where exists (select 1 from customer_order o
                                                      where o.customer_key = w.visitor_key
                                                        and o.day between $1 and $2)) as converted
                from visitors w""".formatted(CUSTOMER_FILTER.formatted("v.visitor_key")), filter)
                .map(list -> list.get(0));
    }

    public Uni<List<Row>> dailyRefunds(Filter filter) {
        return rows("select day, refunds, amount from daily_refund where day between $1 and $2 "
                + "and $3::text is null and $4::text is null order by day", filter);
    }

    /** Net change per stage and day, up to the filter's last day (a running sum gives the counts). */
    public Uni<List<Row>> stageDeltas(LocalDate to) {
        return pool.preparedQuery("select day, stage, delta from stage_delta where day <= $1 order by day, stage")
                .execute(Tuple.of(to)).map(AggregateQueries::list);
    }

    public Uni<List<Row>> flows(Filter filter) {
        return rows("""
                select day, from_stage, to_stage, transitions, reactivations from stage_flow
                where day between $1 and $2 and ($3::text is null or from_stage = $3 or to_stage = $3)
                  and $4::text is null
                order by day, from_stage, to_stage""", filter);
    }

    public Uni<List<Row>> cohorts(Filter filter) {
        return rows("""
                with firsts as (
                    select customer_key, min(month) as cohort from customer_month group by customer_key
                ),
                scoped as (
                    select f.customer_key, f.cohort from firsts f
                    where f.cohort between date_trunc('month', $1::date)::date and $2 and %s
                ),
                sizes as (select cohort, count(*) as size from scoped group by cohort)
                select s.cohort,
                       ((extract(year from m.month) - extract(year from s.cohort)) * 12
                        + extract(month from m.month) - extract(month from s.cohort))::int as months_since,
                       z.size, count(*) as customers, sum(m.orders) as orders, sum(m.revenue) as revenue
                from scoped s
                join customer_month m on m.customer_key = s.customer_key
                join sizes z on z.cohort = s.cohort
                group by s.cohort, months_since, z.size
                order by s.cohort, months_since""".formatted(CUSTOMER_FILTER.formatted("f.customer_key")), filter);
    }

    public Uni<LocalDate> lastOrderMonth() {
        return pool.query("select max(month) as last from customer_month").execute()
                .map(rows -> rows.iterator().next().getLocalDate("last"));
    }

    /** Campaign figures per journey, step and variant, and per segment too when {@code bySegment}. */
    public Uni<List<Row>> campaigns(Filter filter, String journeyId, int windowDays, boolean bySegment) {
        String segment = bySegment ? "seg.segment" : "'all'";
        String unnest = bySegment
                ? "cross join lateral unnest(case when cardinality(c.segments) = 0 then array['(none)'] "
                        + "else c.segments end) as seg(segment)"
                : "";
        return pool.preparedQuery("""
                select c.journey_id, c.step_id, c.variant, %s as segment,
                       count(*) as sent, count(c.delivered_at) as delivered, count(c.opened_at) as opened,
                       count(c.clicked_at) as clicked, count(c.unsubscribed_at) as unsubscribed,
                       count(*) filter (where conv.orders > 0) as converted,
                       coalesce(sum(conv.revenue), 0) as attributed_revenue
                from campaign_contact c
                %s
                left join lateral (
                    select count(*) as orders, sum(o.revenue) as revenue from customer_order o
                    where o.customer_key = c.identity_key and o.occurred_at > c.first_sent_at
                      and o.occurred_at <= c.first_sent_at + make_interval(days => $6)
                ) conv on true
                where c.first_sent_at is not null
                  and (c.first_sent_at at time zone $7)::date between $1 and $2
                  and ($3::text is null or c.stage = $3)
                  and ($4::text is null or $4 = any(c.segments))
                  and ($5::text is null or c.journey_id = $5)
                  %s
                group by c.journey_id, c.step_id, c.variant%s
                order by c.journey_id, c.step_id, c.variant%s""".formatted(segment, unnest,
                bySegment ? "and ($4::text is null or seg.segment = $4)" : "", bySegment ? ", seg.segment" : "",
                bySegment ? ", seg.segment" : ""))
                .execute(Tuple.tuple().addLocalDate(filter.from()).addLocalDate(filter.to())
                        .addString(filter.stage()).addString(filter.segment()).addString(journeyId)
                        .addInteger(windowDays).addString(zone))
                .map(AggregateQueries::list);
    }

    /** Treatment (customers sent any step of the journey) and holdout, with their conversions in the window. */
    public Uni<List<Row>> holdout(Filter filter, String journeyId, int windowDays) {
        return pool.preparedQuery("""
                with treatment as (
                    select identity_key, min(first_sent_at) as since from campaign_contact c
                    where journey_id = $5 and first_sent_at is not null
                      and ($3::text is null or c.stage = $3) and ($4::text is null or $4 = any(c.segments))
                    group by identity_key
                ),
                held as (
                    select identity_key, held_at as since from campaign_holdout h
                    where journey_id = $5
                      and ($3::text is null or h.stage = $3) and ($4::text is null or $4 = any(h.segments))
                ),
                groups as (
                    select 'treatment' as grp, identity_key, since from treatment
                    union all
                    select 'holdout', identity_key, since from held
                )
                select g.grp, count(*) as customers, count(*) filter (where conv.orders > 0) as converted,
                       coalesce(sum(conv.revenue), 0) as revenue
                from groups g
                left join lateral (
                    select count(*) as orders, sum(o.revenue) as revenue from customer_order o
                    where o.customer_key = g.identity_key and o.occurred_at > g.since
                      and o.occurred_at <= g.since + make_interval(days => $6)
                ) conv on true
                where (g.since at time zone $7)::date between $1 and $2
                group by g.grp""")
                .execute(Tuple.tuple().addLocalDate(filter.from()).addLocalDate(filter.to())
                        .addString(filter.stage()).addString(filter.segment()).addString(journeyId)
                        .addInteger(windowDays).addString(zone))
                .map(AggregateQueries::list);
    }

    /** Customers per stage now, for the gauges. */
    public Uni<List<Row>> currentStages() {
        return pool.query("select stage, sum(delta) as customers from stage_delta group by stage").execute()
                .map(AggregateQueries::list);
    }

    /** Orders and revenue of one day, for the gauges. */
    public Uni<Row> dayRevenue(LocalDate day) {
        return pool.preparedQuery("select count(*) as orders, coalesce(sum(revenue), 0) as revenue "
                + "from customer_order where day = $1").execute(Tuple.of(day)).map(rows -> rows.iterator().next());
    }

    public Uni<LocalDate> lastOrderDay() {
        return pool.query("select max(day) as last from customer_order").execute()
                .map(rows -> rows.iterator().next().getLocalDate("last"));
    }

    private Uni<List<Row>> rows(String sql, Filter filter) {
        return pool.preparedQuery(sql)
                .execute(Tuple.tuple().addLocalDate(filter.from()).addLocalDate(filter.to())
                        .addString(filter.stage()).addString(filter.segment()))
                .map(AggregateQueries::list);
    }

    private static List<Row> list(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }
}
