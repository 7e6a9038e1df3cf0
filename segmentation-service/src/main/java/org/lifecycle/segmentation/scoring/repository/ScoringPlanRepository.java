package org.lifecycle.segmentation.scoring.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.profile.repository.ProfileRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Scoring plan versions. */
@ApplicationScoped
public class ScoringPlanRepository {

    /** Serialises plan changes across replicas, so versions are numbered without gaps or clashes. */
    private static final long LOCK_KEY = 0x73636f72696e6770L;

    private static final String COLUMNS = "key, version, definition::text, created_at";

    private final Pool pool;

    public ScoringPlanRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A stored version.
     *
     * @param definition the plan as JSON; {@code null} for the version that deleted the plan
     */
    public record Stored(String key, int version, String definition, Instant createdAt) {

        public boolean deleted() {
            return definition == null;
        }
    }

    /** The latest version of every plan not deleted, by key. */
    public Uni<List<Stored>> current() {
        return pool.query("select * from (select distinct on (key) " + COLUMNS
                + " from scoring_plan order by key, version desc) latest where definition is not null order by key")
                .execute()
                .map(ScoringPlanRepository::stored);
    }

    /** The latest version of a plan, deleted or not. */
    public Uni<Optional<Stored>> latest(SqlClient client, String key) {
        return client.preparedQuery("select " + COLUMNS
                + " from scoring_plan where key = $1 order by version desc limit 1")
                .execute(Tuple.of(key))
                .map(rows -> stored(rows).stream().findFirst());
    }

    public Uni<Optional<Stored>> latest(String key) {
        return latest(pool, key);
    }

    /** Every version of a plan, oldest first. */
    public Uni<List<Stored>> versions(String key) {
        return pool.preparedQuery("select " + COLUMNS + " from scoring_plan where key = $1 order by version")
                .execute(Tuple.of(key))
                .map(ScoringPlanRepository::stored);
    }

    /** Holds, until the caller's transaction ends, the lock that orders plan changes. */
    public Uni<Void> lock(SqlClient client) {
        return client.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY)).replaceWithVoid();
    }

    /** Stores the next version of a plan; {@code null} deletes it. Call under {@link #lock}. */
    public Uni<Stored> insert(SqlClient client, String key, String definition) {
        return client.preparedQuery("""
                insert into scoring_plan (key, version, definition)
                select $1, coalesce(max(version), 0) + 1, $2::text::jsonb from scoring_plan where key = $1
                returning\s""" + COLUMNS)
                .execute(Tuple.of(key, definition))
                .map(rows -> stored(rows).getFirst());
    }

    private static List<Stored> stored(RowSet<Row> rows) {
        List<Stored> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(new Stored(row.getString(0), row.getInteger(1), row.getString(2),
                    ProfileRepository.instant(row.getOffsetDateTime(3))));
        }
        return out;
    }
}
