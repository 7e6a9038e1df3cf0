package org.lifecycle.analytics.prediction.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lifecycle.analytics.prediction.service.PredictionConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relays outbox rows to Kafka in id order: rows are locked ({@code FOR UPDATE SKIP LOCKED}, so two replicas never
 * send the same row at once), sent, and deleted in the same transaction once the broker acknowledged every one
 * (acks=all, idempotent producer). A crash between the send and the commit sends those rows again: consumers dedupe
 * on the record id.
 */
@ApplicationScoped
public class OutboxRelay {

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final PredictionConfig config;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long timer = -1;

    public OutboxRelay(Pool pool, @Channel("predictions") MutinyEmitter<String> emitter, PredictionConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        timer = vertx.setPeriodic(Math.max(50, config.relayInterval().toMillis()), id -> {
            if (busy.compareAndSet(false, true)) {
                relay().eventually(() -> busy.set(false)).subscribe().with(sent -> {
                }, failure -> Log.warnf("Outbox relay round failed, retried next round: %s", failure.getMessage()));
            }
        });
    }

    void onStop(@Observes ShutdownEvent event, Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    /** Sends one batch; the number of records sent. */
    public Uni<Integer> relay() {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                select id, topic, record_key, value from outbox order by id limit $1 for update skip locked""")
                .execute(Tuple.of(config.relayBatch()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>();
                    List<Long> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic(row.getString("topic")).withKey(row.getString("record_key")).build();
                        sends.add(emitter.sendMessage(Message.of(row.getString("value")).addMetadata(metadata)));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> connection.preparedQuery("delete from outbox where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                }));
    }
}
