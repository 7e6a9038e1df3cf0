package org.lifecycle.segmentation.segment.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.profile.repository.ProfileRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Marketer-defined segments, and the ids and versions of deleted ones. */
@ApplicationScoped
public class SegmentRepository {

    private static final String COLUMNS = "id, key, name, description, definition::text, version, created_at, updated_at";

    private final Pool pool;

    public SegmentRepository(Pool pool) {
        this.pool = pool;
    }

    /** A stored segment; {@code definition} is its rule as JSON. */
    public record Stored(UUID id, String key, String name, String description, String definition, int version,
            Instant createdAt, Instant updatedAt) {
    }

    public Uni<List<Stored>> all() {
        return pool.query("select " + COLUMNS + " from segment order by key").execute()
                .map(SegmentRepository::stored);
    }

    public Uni<Optional<Stored>> find(String key) {
        return pool.preparedQuery("select " + COLUMNS + " from segment where key = $1").execute(Tuple.of(key))
                .map(rows -> stored(rows).stream().findFirst());
    }

    /**
     * Stores a new segment; empty when the key is taken. A key used before by a deleted segment gets that segment's
     * id back and the next version.
     */
    public Uni<Optional<Stored>> insert(SqlClient client, String key, String name, String description,
            String definition) {
        return client.preparedQuery("""
                with retired as (delete from retired_segment where key = $1 returning id, version)
                insert into segment (key, id, name, description, definition, version)
                values ($1, coalesce((select id from retired), $2), $3, $4, $5::text::jsonb,
                    coalesce((select version from retired), 0) + 1)
                on conflict (key) do nothing
                returning\s""" + COLUMNS)
                .execute(Tuple.of(key, UUID.randomUUID(), name, description, definition))
                .map(rows -> stored(rows).stream().findFirst());
    }

    /** Replaces a segment's definition as its next version; empty when there is no such segment. */
    public Uni<Optional<Stored>> update(SqlClient client, String key, String name, String description,
            String definition) {
        return client.preparedQuery("""
                update segment set name = $2, description = $3, definition = $4::text::jsonb, version = version + 1,
                    updated_at = now()
                where key = $1
                returning\s""" + COLUMNS)
                .execute(Tuple.of(key, name, description, definition))
                .map(rows -> stored(rows).stream().findFirst());
    }

    /** Deletes a segment, keeping its id and version for the exits still to announce; empty when there is none. */
    public Uni<Optional<Stored>> delete(SqlClient client, String key) {
        return client.preparedQuery("delete from segment where key = $1 returning " + COLUMNS)
                .execute(Tuple.of(key))
                .map(rows -> stored(rows).stream().findFirst())
                .call(deleted -> deleted.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : client.preparedQuery("""
                                insert into retired_segment (key, id, version) values ($1, $2, $3)
                                on conflict (key) do update set id = excluded.id, version = excluded.version,
                                    deleted_at = now()""")
                                .execute(Tuple.of(key, deleted.get().id(), deleted.get().version())));
    }

    private static List<Stored> stored(RowSet<Row> rows) {
        List<Stored> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(new Stored(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getInteger(5), ProfileRepository.instant(row.getOffsetDateTime(6)),
                    ProfileRepository.instant(row.getOffsetDateTime(7))));
        }
        return out;
    }
}
