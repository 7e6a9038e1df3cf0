package org.lifecycle.campaign.tracking.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The service's outbox (table {@code outbox}): tracking events and dispatch records, appended to in the transaction
 * of the change they announce, drained by the relay in id order.
 */
@ApplicationScoped
public class TrackingOutboxRepository {

    private final Pool pool;

    public TrackingOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Appends a record through {@code tx}, the connection of the transaction that records the hit. */
    public Uni<Void> append(SqlClient tx, String topic, String key, String payload) {
        return tx.preparedQuery("insert into outbox (topic, key, payload) values ($1, $2, $3)")
                .execute(Tuple.of(topic, key, payload)).replaceWithVoid();
    }

    /** The oldest records waiting, at most {@code limit}. */
    public Uni<List<Pending>> oldest(int limit) {
        return pool.preparedQuery("select id, topic, key, payload from outbox order by id limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Pending(row.getLong(0), row.getString(1), row.getString(2), row.getString(3)));
                    }
                    return out;
                });
    }

    public Uni<Void> delete(List<Long> ids) {
        return pool.preparedQuery("delete from outbox where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** A record waiting in the outbox. */
    public record Pending(long id, String topic, String key, String payload) {
    }
}
