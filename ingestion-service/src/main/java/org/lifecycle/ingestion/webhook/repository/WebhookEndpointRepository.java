package org.lifecycle.ingestion.webhook.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.ingestion.webhook.WebhookKind;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Webhook endpoints, through the reactive client: one small query per webhook request or admin call. */
@ApplicationScoped
public class WebhookEndpointRepository {

    private static final String COLUMNS = "id, source_id, kind, secret, settings::text AS settings, created_at, disabled_at";

    private final Pool pool;

    public WebhookEndpointRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> sourceExists(UUID sourceId) {
        return pool.preparedQuery("SELECT 1 FROM source WHERE id = $1").execute(Tuple.of(sourceId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<WebhookEndpoint> insert(WebhookEndpoint endpoint) {
        return pool.preparedQuery("INSERT INTO webhook_endpoint (id, source_id, kind, secret, settings, created_at)"
                + " VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)")
                .execute(Tuple.tuple(List.of(endpoint.id(), endpoint.sourceId(), endpoint.kind().wire(),
                        endpoint.secret(),
                        new String(LifecycleJson.encode(endpoint.settings()), StandardCharsets.UTF_8),
                        endpoint.createdAt().atOffset(ZoneOffset.UTC))))
                .replaceWith(endpoint);
    }

    public Uni<Optional<WebhookEndpoint>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(read(it.next())) : Optional.empty();
                });
    }

    public Uni<List<WebhookEndpoint>> ofSource(UUID sourceId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE source_id = $1"
                + " ORDER BY created_at, id")
                .execute(Tuple.of(sourceId))
                .map(rows -> {
                    List<WebhookEndpoint> all = new ArrayList<>(rows.size());
                    rows.forEach(row -> all.add(read(row)));
                    return all;
                });
    }

    /** Disables the endpoint if it belongs to the source; false when there is no such endpoint. */
    public Uni<Boolean> disable(UUID sourceId, UUID id, Instant at) {
        return pool.preparedQuery("UPDATE webhook_endpoint SET disabled_at = coalesce(disabled_at, $3)"
                + " WHERE id = $1 AND source_id = $2")
                .execute(Tuple.of(id, sourceId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    private static WebhookEndpoint read(Row row) {
        var disabled = row.getOffsetDateTime("disabled_at");
        JsonNode settings = LifecycleJson.decode(row.getString("settings"), JsonNode.class);
        return new WebhookEndpoint(row.getUUID("id"), row.getUUID("source_id"),
                WebhookKind.fromWire(row.getString("kind")).orElseThrow(), row.getString("secret"), settings,
                row.getOffsetDateTime("created_at").toInstant(), disabled == null ? null : disabled.toInstant());
    }
}
