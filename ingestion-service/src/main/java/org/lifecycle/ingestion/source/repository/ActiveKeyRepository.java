package org.lifecycle.ingestion.source.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads the keys that can authenticate now, for the in-memory registry. Uses the reactive client directly: it runs on
 * a timer and at start-up, outside any request or Hibernate session.
 */
@ApplicationScoped
public class ActiveKeyRepository {

    /** A key that authenticates requests for a source until {@code expiresAt} (null: until revoked). */
    public record ActiveKey(String keyHash, UUID sourceId, Instant expiresAt) {
    }

    private final Pool pool;

    public ActiveKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ActiveKey>> activeKeys() {
        return pool.query("SELECT key_hash, source_id, revoked_at FROM write_key"
                + " WHERE revoked_at IS NULL OR revoked_at > now()")
                .execute()
                .map(rows -> {
                    var keys = new java.util.ArrayList<ActiveKey>(rows.size());
                    for (Row row : rows) {
                        var revokedAt = row.getOffsetDateTime("revoked_at");
                        keys.add(new ActiveKey(row.getString("key_hash"), row.getUUID("source_id"),
                                revokedAt == null ? null : revokedAt.toInstant()));
                    }
                    return keys;
                });
    }
}
