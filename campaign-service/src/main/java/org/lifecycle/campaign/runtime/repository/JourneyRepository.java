package org.lifecycle.campaign.runtime.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.definition.JourneyParser;
import org.lifecycle.campaign.journey.definition.JourneyStatus;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.campaign.runtime.repository.Db.Tx;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Journeys and their versions. A version never changes once saved, so parsed versions are cached by key and version.
 */
@ApplicationScoped
public class JourneyRepository {

    private final Map<String, JourneyVersion> parsed = new ConcurrentHashMap<>();

    /** A journey's head: its status and latest version. */
    public record Head(String key, JourneyStatus status, int latestVersion, Instant nextBroadcastAt,
            Instant createdAt, Instant updatedAt, String broadcastCursor) {
    }

    public Optional<Head> head(Tx tx, String key, boolean forUpdate) {
        var rows = tx.query("select * from journey where key = $1" + (forUpdate ? " for update" : ""), key);
        return rows.size() == 0 ? Optional.empty() : Optional.of(head(rows.iterator().next()));
    }

    public List<Head> heads(Tx tx) {
        List<Head> out = new ArrayList<>();
        tx.query("select * from journey order by key").forEach(row -> out.add(head(row)));
        return out;
    }

    public void create(Tx tx, String key, JsonNode definition, Instant at) {
        tx.query("insert into journey (key, status, latest_version, created_at, updated_at) "
                + "values ($1, 'draft', 1, $2, $2)", key, Db.utc(at));
        tx.query(
                "insert into journey_version (key, version, definition, created_at) values ($1, 1, $2::text::jsonb, $3)",
                key, definition.toString(), Db.utc(at));
    }

    /** Saves the next version of a journey and returns its number. */
    public int addVersion(Tx tx, String key, JsonNode definition, Instant at) {
        int version = tx.query("update journey set latest_version = latest_version + 1, updated_at = $2 "
                + "where key = $1 returning latest_version", key, Db.utc(at)).iterator().next().getInteger(0);
        tx.query(
                "insert into journey_version (key, version, definition, created_at) values ($1, $2, $3::text::jsonb, $4)",
                key, version, definition.toString(), Db.utc(at));
        return version;
    }

    public void status(Tx tx, String key, JourneyStatus status, Instant nextBroadcastAt, Instant at) {
        tx.query("update journey set status = $2, next_broadcast_at = $3, broadcast_cursor = null, updated_at = $4 "
                + "where key = $1", key,
                status.name().toLowerCase(Locale.ROOT), Db.utc(nextBroadcastAt), Db.utc(at));
    }

    public void nextBroadcast(Tx tx, String key, Instant next) {
        tx.query("update journey set next_broadcast_at = $2 where key = $1", key, Db.utc(next));
    }

    /** Where a broadcast run in pages got to: the last member done, {@code null} between runs. */
    public void broadcastCursor(Tx tx, String key, String lastDone) {
        tx.query("update journey set broadcast_cursor = $2 where key = $1", key, lastDone);
    }

    /** A version's JSON as its author submitted it. */
    public Optional<StoredVersion> stored(Tx tx, String key, int version) {
        var rows = tx.query("select definition::text as definition, created_at from journey_version "
                + "where key = $1 and version = $2", key, version);
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new StoredVersion(key, version, ContactRepository.json(row.getString("definition")),
                Db.instant(row, "created_at")));
    }

    public List<StoredVersion> versions(Tx tx, String key) {
        List<StoredVersion> out = new ArrayList<>();
        tx.query("select version, definition::text as definition, created_at from journey_version where key = $1 "
                + "order by version desc", key).forEach(
                        row -> out.add(new StoredVersion(key, row.getInteger(
                                "version"), ContactRepository.json(row.getString("definition")),
                                Db.instant(row,
                                        "created_at"))));
        return out;
    }

    /** A version, parsed; versions never change, so this reads each one once. */
    public JourneyVersion version(Tx tx, String key, int version) {
        return parsed.computeIfAbsent(key + "\n" + version, cacheKey -> stored(tx, key, version)
                .map(stored -> new JourneyVersion(JourneyParser.parse(stored.definition()), version))
                .orElseThrow(() -> new IllegalStateException("No version " + version + " of journey " + key)));
    }

    /** The latest version of every active journey: those that may enroll customers now. */
    public List<JourneyVersion> activeLatest(Tx tx) {
        List<JourneyVersion> out = new ArrayList<>();
        for (Row row : tx.query("select key, latest_version from journey where status = 'active'")) {
            out.add(version(tx, row.getString(0), row.getInteger(1)));
        }
        return out;
    }

    public List<String> broadcastsDue(Tx tx, Instant now, int limit) {
        return tx.query("select key from journey where status = 'active' and next_broadcast_at <= $1 "
                + "order by next_broadcast_at limit $2 for update skip locked", Db.utc(now), limit).stream()
                .map(row -> row.getString(0)).toList();
    }

    /** A stored version. */
    public record StoredVersion(String key, int version, JsonNode definition, Instant createdAt) {
    }

    private static Head head(Row row) {
        return new Head(row.getString("key"), JourneyStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getInteger("latest_version"), Db.instant(row, "next_broadcast_at"), Db.instant(row, "created_at"),
                Db.instant(row, "updated_at"), row.getString("broadcast_cursor"));
    }
}
