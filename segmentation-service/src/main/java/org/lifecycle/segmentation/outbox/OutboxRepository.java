package org.lifecycle.segmentation.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The outbox table: appended to inside the transactions of the changes, drained by the relay in id order. */
@ApplicationScoped
public class OutboxRepository {

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Appends messages through {@code client}, the connection of the transaction that makes the change. */
    public Uni<Void> append(SqlClient client, List<OutboxMessage> messages) {
        return append(client, columns(messages));
    }

    /** Appends messages {@link #columns} made ready; nothing when {@code null}. */
    public Uni<Void> append(SqlClient client, Tuple columns) {
        if (columns == null) {
            return Uni.createFrom().voidItem();
        }
        // One statement for the whole list: unnest keeps the order, so ids follow the list.
        return client.preparedQuery("""
                insert into outbox (topic, key, payload, headers)
                select t, k, p, h::jsonb from unnest($1::text[], $2::text[], $3::text[], $4::text[])
                    with ordinality as m(t, k, p, h, n) order by n""")
                .execute(columns)
                .replaceWithVoid();
    }

    /** The parameters that append {@code messages} in one statement; {@code null} when there are none. */
    public static Tuple columns(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return null;
        }
        int n = messages.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] headers = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxMessage message = messages.get(i);
            topics[i] = message.topic();
            keys[i] = message.key();
            payloads[i] = message.payload();
            headers[i] = message.headers().isEmpty()
                    ? null
                    : new JsonObject(new java.util.LinkedHashMap<>(message.headers())).encode();
        }
        return Tuple.of(topics, keys, payloads, headers);
    }

    /** The oldest messages waiting, at most {@code limit}. */
    public Uni<List<Pending>> oldest(int limit) {
        return pool.preparedQuery("select id, topic, key, payload, headers::text from outbox order by id limit $1")
                .execute(Tuple.of(limit))
                .map(OutboxRepository::pending);
    }

    /**
     * Deletes {@code published} (messages Kafka acknowledged) and returns the oldest messages waiting besides them, at
     * most {@code limit}, in one statement on {@code client}: a relay cycle costs one round trip, not a select and a
     * delete.
     */
    public Uni<List<Pending>> deleteAndTakeOldest(SqlClient client, List<Long> published, int limit) {
        return client.preparedQuery("""
                with published as (delete from outbox where id = any($1))
                select id, topic, key, payload, headers::text from outbox where id <> all($1) order by id limit $2""")
                .execute(Tuple.of(published.toArray(Long[]::new), limit))
                .map(OutboxRepository::pending);
    }

    private static List<Pending> pending(RowSet<Row> rows) {
        List<Pending> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String headers = row.getString(4);
            out.add(new Pending(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                    headers == null ? null : new JsonObject(headers)));
        }
        return out;
    }

    public Uni<Void> delete(List<Long> ids) {
        return pool.preparedQuery("delete from outbox where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    public Uni<Long> backlog() {
        return pool.query("select count(*) from outbox").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Whether PostgreSQL vacuums by itself; when it does not, the relay vacuums the table it keeps emptying. */
    public Uni<Boolean> autovacuum() {
        return pool.query("show autovacuum").execute()
                .map(rows -> "on".equalsIgnoreCase(rows.iterator().next().getString(0)));
    }

    public Uni<Void> vacuum() {
        return pool.query("vacuum outbox").execute().replaceWithVoid();
    }

    /**
     * A message waiting in the outbox.
     *
     * @param headers Kafka headers as a JSON object, {@code null} when none
     */
    public record Pending(long id, String topic, String key, String payload, JsonObject headers) {
    }
}
