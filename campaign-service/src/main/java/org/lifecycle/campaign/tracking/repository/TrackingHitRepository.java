package org.lifecycle.campaign.tracking.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Which tracking hits counted, so that repeats within the dedupe window emit nothing. */
@ApplicationScoped
public class TrackingHitRepository {

    /**
     * Counts a hit unless one of the same message, kind and detail counted within {@code window} before {@code at}.
     * The row lock of the upsert makes two concurrent hits count once.
     *
     * @return whether this hit counts
     */
    public Uni<Boolean> count(SqlClient tx, String messageId, String kind, String detail, Instant at,
            Duration window) {
        return tx.preparedQuery("""
                insert into tracking_hit (message_id, kind, detail, counted_at) values ($1, $2, $3, $4)
                on conflict (message_id, kind, detail) do update set counted_at = excluded.counted_at
                    where tracking_hit.counted_at <= $5
                returning 1""")
                .execute(Tuple.of(messageId, kind, detail, utc(at), utc(at.minus(window))))
                .map(rows -> rows.rowCount() == 1);
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
