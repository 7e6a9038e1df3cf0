package org.lifecycle.segmentation.rfm.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.profile.repository.ProfileRepository;
import org.lifecycle.segmentation.rfm.StoreStats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The store's order statistics, computed over every profile, and the RFM thresholds in force. */
@ApplicationScoped
public class RfmThresholdsRepository {

    /** One replica derives at a time; the others skip the round. */
    private static final long LOCK_KEY = 0x72666d7468726573L;

    /**
     * {@link StoreStats#of(java.util.List, BigDecimal, long)} in SQL, to the nanosecond: the counted orders (not
     * refunded) of every profile; each returning customer's gaps between consecutive orders in whole seconds, rounded
     * down as {@code Duration.toSeconds} does, and pooled; their median in days as doubles, the middle one or the
     * mean of the middle two. An instant is split into its whole seconds and its fraction (from the digits, up to
     * nanoseconds, which a timestamp would round to microseconds), so a gap of 86399.9999999 seconds stays 86399.
     */
    private static final String STATS = """
            with counted as (
                select p.id as profile_id, o->>'at' as at, (o->>'value')::numeric as value
                from profile p cross join lateral jsonb_array_elements(p.state->'orderHistory') as o
                where not coalesce((o->>'refunded')::boolean, false)
            ),
            timed as (
                select profile_id, value,
                    extract(epoch from regexp_replace(at, '\\.[0-9]+', '')::timestamptz)
                        + coalesce(('0' || substring(at from '\\.[0-9]+'))::numeric, 0) as epoch
                from counted
            ),
            gaps as (
                select floor(epoch - lag(epoch) over (partition by profile_id order by epoch))::bigint as seconds
                from timed
            ),
            pooled as (
                select seconds::float8 / 86400 as days, row_number() over (order by seconds) as n,
                    count(*) over () as total
                from gaps where seconds is not null
            )
            select
                (select count(*) from (select 1 from timed group by profile_id having count(*) >= 2) as r),
                (select (min(days) + max(days)) / 2 from pooled where n between (total + 1) / 2 and total / 2 + 1),
                (select coalesce(sum(value), 0) from timed),
                (select count(*) from timed)""";

    private final Pool pool;

    public RfmThresholdsRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The thresholds stored.
     *
     * @param thresholds {@code RfmThresholds} as JSON
     */
    public record Stored(String thresholds, Instant derivedAt) {
    }

    /** Takes the derivation lock for the caller's transaction; false when another replica holds it. */
    public Uni<Boolean> tryLock(SqlClient client) {
        return client.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<StoreStats> stats(SqlClient client) {
        return client.query(STATS).execute().map(rows -> {
            Row row = rows.iterator().next();
            Double median = row.getDouble(1);
            return StoreStats.of(row.getLong(0), median == null ? Double.NaN : median, row.getBigDecimal(2),
                    row.getLong(3));
        });
    }

    public Uni<Optional<Stored>> stored(SqlClient client) {
        return client.query("select thresholds::text, derived_at from rfm_thresholds where id = 1").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Stored(row.getString(0),
                            ProfileRepository.instant(row.getOffsetDateTime(1))));
                });
    }

    public Uni<Optional<Stored>> stored() {
        return stored(pool);
    }

    public Uni<Void> save(SqlClient client, String thresholds) {
        return client.preparedQuery("""
                insert into rfm_thresholds (id, thresholds, derived_at) values (1, $1::text::jsonb, now())
                on conflict (id) do update set thresholds = excluded.thresholds, derived_at = excluded.derived_at""")
                .execute(Tuple.of(thresholds))
                .replaceWithVoid();
    }
}
