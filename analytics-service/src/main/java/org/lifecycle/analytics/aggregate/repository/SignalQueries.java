package org.lifecycle.analytics.aggregate.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads NPS and CSAT answers and the attributes of converted and non-converted visitors. */
@ApplicationScoped
public class SignalQueries {

    /** How answers are cut in time. */
    public enum Interval {
        DAY("to_char(r.day, 'YYYY-MM-DD')"), MONTH("to_char(r.day, 'YYYY-MM')"), ALL("($1::date || '/' || $2::date)");

        final String period;

        Interval(String period) {
            this.period = period;
        }
    }

    /** What answers are grouped by: nothing, the stage or each segment the customer was in when answering. */
    public enum GroupBy {
        NONE("null::text", ""), STAGE("coalesce(st.stage, '(none)')", """
                left join lateral (select h.stage from stage_history h
                                   where h.identity_key = r.identity_key and h.at <= r.occurred_at
                                   order by h.at desc limit 1) st on true
                """), SEGMENT("coalesce(sg.segment_key, '(none)')", """
                left join lateral (select c.segment_key
                                   from (select distinct on (c.segment_key) c.segment_key, c.entered
                                         from segment_change c
                                         where c.identity_key = r.identity_key and c.at <= r.occurred_at
                                         order by c.segment_key, c.at desc, c.entered) c
                                   where c.entered) sg on true
                """);

        final String group;
        final String join;

        GroupBy(String group, String join) {
            this.group = group;
            this.join = join;
        }
    }

    private final Pool pool;

    public SignalQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * Answers of the range per period and group: {@code period}, {@code grp}, {@code nps_responses},
     * {@code promoters}, {@code passives}, {@code detractors}, {@code csat_responses}, {@code satisfied}. An answer
     * without a verdict is satisfied when its score reaches {@code satisfiedScore}.
     */
    public Uni<List<Row>> satisfaction(LocalDate from, LocalDate to, Interval interval, GroupBy groupBy,
            double satisfiedScore) {
        String sql = """
                with answers as (
                    select %s as period, %s as grp, r.nps_category,
                           coalesce(r.satisfied, r.csat_score >= $3) as satisfied
                    from signal_response r
                    %s
                    where r.day between $1 and $2
                )
                select period, grp,
                       count(nps_category) as nps_responses,
                       count(*) filter (where nps_category = 'promoter') as promoters,
                       count(*) filter (where nps_category = 'passive') as passives,
                       count(*) filter (where nps_category = 'detractor') as detractors,
                       count(satisfied) as csat_responses,
                       count(*) filter (where satisfied) as satisfied
                from answers
                group by period, grp
                order by period, grp""".formatted(interval.period, groupBy.group, groupBy.join);
        return pool.preparedQuery(sql).execute(Tuple.of(from, to, satisfiedScore)).map(SignalQueries::list);
    }

    /**
     * Visitors of the range (identity keys with a page or screen view), each converted when it has an order in the
     * range, counted per attribute value: {@code dimension}, {@code value}, {@code visitors}, {@code converted},
     * {@code converted_views}, {@code other_views} (page views of the range of the converted and other visitors).
     * Rows of dimension {@code all} give the totals; {@code pages_viewed} buckets each visitor's page views.
     */
    public Uni<List<Row>> visitorComparison(LocalDate from, LocalDate to) {
        return pool.preparedQuery("""
                with visitors as (
                    select visitor_key from daily_visitor where day between $1 and $2 group by visitor_key
                ),
                views as (
                    select visitor_key, sum(views) as views from visitor_attribute
                    where day between $1 and $2 and dimension = 'page' group by visitor_key
                ),
                scoped as (
                    select v.visitor_key, coalesce(w.views, 0) as views,
                           exists (select 1 from customer_order o
                                   where o.customer_key = v.visitor_key and o.day between $1 and $2) as converted
                    from visitors v left join views w on w.visitor_key = v.visitor_key
                ),
                attributes as (
                    select distinct a.visitor_key, a.dimension, a.value from visitor_attribute a
                    where a.day between $1 and $2
                    union all
                    select visitor_key, 'pages_viewed',
                           case when views = 0 then '0' when views = 1 then '1' when views = 2 then '2'
                                when views <= 4 then '3-4' when views <= 9 then '5-9' else '10+' end
                    from scoped
                    union all
                    select visitor_key, 'all', 'all visitors' from scoped
                )
                select a.dimension, a.value, count(*) as visitors, count(*) filter (where s.converted) as converted,
                       coalesce(sum(s.views) filter (where s.converted), 0) as converted_views,
                       coalesce(sum(s.views) filter (where not s.converted), 0) as other_views
                from attributes a join scoped s on s.visitor_key = a.visitor_key
                group by a.dimension, a.value""")
                .execute(Tuple.of(from, to)).map(SignalQueries::list);
    }

    private static List<Row> list(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }
}
