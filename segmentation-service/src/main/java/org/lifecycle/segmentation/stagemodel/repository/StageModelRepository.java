package org.lifecycle.segmentation.stagemodel.repository;

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

/** Stage model versions. */
@ApplicationScoped
public class StageModelRepository {

    /** Serialises new versions and activations across replicas, so versions are numbered without gaps or clashes. */
    private static final long LOCK_KEY = 0x73746167656d6f64L;

    private static final String COLUMNS = "version, definition::text, active, created_at";

    private final Pool pool;

    public StageModelRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A stored version.
     *
     * @param definition the JSON of a rule-based model; {@code null} for the default model
     */
    public record Stored(int version, String definition, boolean active, Instant createdAt) {
    }

    public Uni<List<Stored>> all() {
        return pool.query("select " + COLUMNS + " from stage_model order by version").execute()
                .map(StageModelRepository::stored);
    }

    public Uni<Optional<Stored>> find(int version) {
        return find(pool, version);
    }

    public Uni<Stored> active() {
        return pool.query("select " + COLUMNS + " from stage_model where active").execute()
                .map(rows -> stored(rows).getFirst());
    }

    /** Holds, until the caller's transaction ends, the lock that orders version changes. */
    public Uni<Void> lock(SqlClient client) {
        return client.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY)).replaceWithVoid();
    }

    /** Stores a definition as the next version, not active; call under {@link #lock}. */
    public Uni<Stored> insert(SqlClient client, String definition) {
        return client.preparedQuery("""
                insert into stage_model (version, definition, active)
                select coalesce(max(version), 0) + 1, $1::text::jsonb, false from stage_model
                returning\s""" + COLUMNS)
                .execute(Tuple.of(definition))
                .map(rows -> stored(rows).getFirst());
    }

    /** Makes {@code version} the one active version; call under {@link #lock}. */
    public Uni<Void> activate(SqlClient client, int version) {
        return client.preparedQuery("update stage_model set active = false where active and version <> $1")
                .execute(Tuple.of(version))
                .chain(() -> client.preparedQuery("update stage_model set active = true where version = $1")
                        .execute(Tuple.of(version)))
                .replaceWithVoid();
    }

    /** The version as seen inside the caller's transaction. */
    public Uni<Optional<Stored>> find(SqlClient client, int version) {
        return client.preparedQuery("select " + COLUMNS + " from stage_model where version = $1")
                .execute(Tuple.of(version))
                .map(rows -> stored(rows).stream().findFirst());
    }

    private static List<Stored> stored(RowSet<Row> rows) {
        List<Stored> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(new Stored(row.getInteger(0), row.getString(1), row.getBoolean(2),
                    ProfileRepository.instant(row.getOffsetDateTime(3))));
        }
        return out;
    }
}
