package org.lifecycle.segmentation.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> topics = new ArrayList<>(messages.size());
        List<String> keys = new ArrayList<>(messages.size());
        List<String> payloads = new ArrayList<>(messages.size());
        List<String> headers = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            topics.add(message.topic());
            keys.add(message.key());
            payloads.add(message.payload());
            headers.add(message.headers().isEmpty()
                    ? null
                    : new JsonObject(new java.util.LinkedHashMap<>(
                            message.headers())).encode());
        }
        // One statement for the whole list: unnest keeps the order, so ids follow the list.
        return client.preparedQuery("""
                insert into outbox (topic, key, payload, headers)
                select t, k, p, h::jsonb from unnest($1::text[], $2::text[], $3::text[], $4::text[])
                    with ordinality as m(t, k, p, h, n) order by n""")
                .execute(Tuple.of(topics.toArray(String[]::new), keys.toArray(String[]::new),
                        payloads.toArray(String[]::new), headers.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The oldest messages waiting, at most {@code limit}. */
    public Uni<List<Pending>> oldest(int limit) {
        return pool.preparedQuery("select id, topic, key, payload, headers::text from outbox order by id limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> out = new ArrayList<>();
                    for (Row row : rows) {
                        String headers = row.getString(4);
                        out.add(new Pending(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                                headers == null ? null : new JsonObject(headers)));
                    }
                    return out;
                });
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
