package org.lifecycle.segmentation.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;
import org.lifecycle.segmentation.outbox.OutboxRepository;
import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.profile.service.Changes;
import org.lifecycle.segmentation.profile.service.Changes.Identity;
import org.lifecycle.segmentation.profile.service.ProfileRecord;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Profiles, identities and the ledgers, read and written inside the caller's transaction. */
@ApplicationScoped
public class ProfileRepository {

    static final String COLUMNS = """
            id, identity_key, user_id, state::text, stage, stage_since, previous_stage, rfm_group, model_version,
            segments, next_change_at, last_event_at""";

    private final OutboxRepository outbox;

    public ProfileRepository(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** Records event ids as processed; returns those seen for the first time, the only ones to apply. */
    public Uni<Set<String>> claimEvents(SqlClient client, List<String> eventIds) {
        return client.preparedQuery("""
                insert into processed_event (event_id) select unnest($1::text[])
                on conflict do nothing returning event_id""")
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }

    public Uni<Map<Identity, UUID>> identities(SqlClient client, Collection<Identity> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        String[] kinds = identities.stream().map(Identity::kind).toArray(String[]::new);
        String[] values = identities.stream().map(Identity::value).toArray(String[]::new);
        return client.preparedQuery("""
                select i.kind, i.value, i.profile_id from identity i
                join unnest($1::text[], $2::text[]) as w(kind, value) on i.kind = w.kind and i.value = w.value""")
                .execute(Tuple.of(kinds, values))
                .map(rows -> {
                    Map<Identity, UUID> out = new HashMap<>();
                    rows.forEach(row -> out.put(new Identity(row.getString(0), row.getString(1)), row.getUUID(2)));
                    return out;
                });
    }

    /** Loads and locks profiles for the rest of the transaction. */
    public Uni<List<ProfileRecord>> lock(SqlClient client, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("select " + COLUMNS + " from profile where id = any($1) order by id for update")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(ProfileRepository::records);
    }

    /** Profiles whose next time-driven change is due by {@code horizon}, locked, skipping those others hold. */
    public Uni<List<ProfileRecord>> claimDue(SqlClient client, Instant horizon, int limit) {
        return client.preparedQuery("select " + COLUMNS + """
                 from profile where next_change_at <= $1 order by next_change_at limit $2
                for update skip locked""")
                .execute(Tuple.of(time(horizon), limit))
                .map(ProfileRepository::records);
    }

    /** The next page of profiles after {@code afterId}, locked, for jobs over every profile. */
    public Uni<List<ProfileRecord>> lockPage(SqlClient client, UUID afterId, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from profile where id > $1 order by id limit $2 for update")
                .execute(Tuple.of(afterId == null ? new UUID(0, 0) : afterId, limit))
                .map(ProfileRepository::records);
    }

    /** Writes everything a unit of work changed. */
    public Uni<Void> save(SqlClient client, Changes changes) {
        return saveProfiles(client, changes.profiles.values())
                .chain(() -> saveIdentities(client, changes.identities))
                .chain(() -> moveMerged(client, changes.merged))
                .chain(() -> saveTransitions(client, changes.transitions, changes.merged))
                .chain(() -> saveMemberships(client, changes.memberships, changes.merged))
                .chain(() -> outbox.append(client, changes.outbox))
                .chain(() -> saveWatermarks(client, changes.watermarks));
    }

    private Uni<Void> saveProfiles(SqlClient client, Collection<ProfileRecord> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>(profiles.size());
        for (ProfileRecord p : profiles) {
            tuples.add(Tuple.tuple(Arrays.asList(p.id, p.identityKey, p.userId, p.state.email, json(p.state),
                    p.stage, time(p.stageSince), p.previousStage, p.rfmGroup, p.modelVersion,
                    p.segments.toArray(String[]::new), time(p.nextChangeAt), time(p.lastEventAt))));
        }
        return client.preparedQuery("""
                insert into profile (id, identity_key, user_id, email, state, stage, stage_since, previous_stage,
                    rfm_group, model_version, segments, next_change_at, last_event_at)
                values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12, $13)
                on conflict (id) do update set identity_key = excluded.identity_key, user_id = excluded.user_id,
                    email = excluded.email, state = excluded.state, stage = excluded.stage,
                    stage_since = excluded.stage_since, previous_stage = excluded.previous_stage,
                    rfm_group = excluded.rfm_group, model_version = excluded.model_version,
                    segments = excluded.segments, next_change_at = excluded.next_change_at,
                    last_event_at = excluded.last_event_at, updated_at = now()""")
                .executeBatch(tuples).replaceWithVoid();
    }

    private Uni<Void> saveIdentities(SqlClient client, Map<Identity, UUID> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        identities.forEach((identity, id) -> tuples.add(Tuple.of(identity.kind(), identity.value(), id)));
        return client.preparedQuery("""
                insert into identity (kind, value, profile_id) values ($1, $2, $3)
                on conflict (kind, value) do update set profile_id = excluded.profile_id""")
                .executeBatch(tuples).replaceWithVoid();
    }

    private Uni<Void> moveMerged(SqlClient client, Map<UUID, UUID> merged) {
        if (merged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        merged.forEach((loser, survivor) -> tuples.add(Tuple.of(loser, survivor)));
        return client.preparedQuery("update transition set profile_id = $2 where profile_id = $1")
                .executeBatch(tuples)
                .chain(() -> client.preparedQuery("update membership_change set profile_id = $2 where profile_id = $1")
                        .executeBatch(tuples))
                .chain(() -> client.preparedQuery("update identity set profile_id = $2 where profile_id = $1")
                        .executeBatch(tuples))
                .chain(() -> client.preparedQuery("delete from profile where id = $1")
                        .executeBatch(tuples.stream().map(t -> Tuple.of(t.getUUID(0))).toList()))
                .replaceWithVoid();
    }

    /**
     * The profile a ledger row belongs to: a profile merged away in this unit of work hands its rows (the exits and
     * time-driven changes decided just before the merge) to the profile that absorbed it, through any chain of merges.
     */
    private static UUID owner(String profileId, Map<UUID, UUID> merged) {
        UUID id = UUID.fromString(profileId);
        for (int hops = 0; merged.containsKey(id) && hops <= merged.size(); hops++) {
            id = merged.get(id);
        }
        return id;
    }

    private Uni<Void> saveTransitions(SqlClient client, List<StageTransition> transitions, Map<UUID, UUID> merged) {
        List<Tuple> tuples = new ArrayList<>();
        for (StageTransition t : transitions) {
            if (t.type() != TransitionType.STAGE_CHANGED) {
                continue;
            }
            tuples.add(Tuple.tuple(Arrays.asList(UUID.fromString(t.id()), owner(t.profileId(), merged),
                    t.fromStage(), t.toStage(), time(t.occurredAt()), t.cause().kind().wireName(),
                    t.cause().eventId(), t.cause().rule(), t.modelVersion(), t.reactivation())));
        }
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                insert into transition (id, profile_id, from_stage, to_stage, at, cause_kind, cause_event_id, rule,
                    model_version, reactivation) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .executeBatch(tuples).replaceWithVoid();
    }

    private Uni<Void> saveMemberships(SqlClient client, List<MembershipChange> changes, Map<UUID, UUID> merged) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        for (MembershipChange c : changes) {
            tuples.add(Tuple.of(UUID.fromString(c.id()), owner(c.profileId(), merged), c.segmentKey(),
                    c.entered(), time(c.occurredAt()), c.reason()));
        }
        return client.preparedQuery("""
                insert into membership_change (id, profile_id, segment_key, entered, at, reason)
                values ($1, $2, $3, $4, $5, $6)""")
                .executeBatch(tuples).replaceWithVoid();
    }

    private Uni<Void> saveWatermarks(SqlClient client, Map<Integer, Instant> watermarks) {
        if (watermarks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        watermarks.forEach((partition, at) -> tuples.add(Tuple.of(partition, time(at))));
        return client.preparedQuery("""
                insert into stream_watermark (partition, event_time, applied_at) values ($1, $2, now())
                on conflict (partition) do update set event_time = greatest(stream_watermark.event_time,
                    excluded.event_time), applied_at = now()""")
                .executeBatch(tuples).replaceWithVoid();
    }

    static List<ProfileRecord> records(RowSet<Row> rows) {
        List<ProfileRecord> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(record(row));
        }
        return out;
    }

    static ProfileRecord record(Row row) {
        ProfileState state;
        try {
            state = LifecycleJson.mapper().readValue(row.getString(3), ProfileState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable profile " + row.getUUID(0), e);
        }
        ProfileRecord p = new ProfileRecord(row.getUUID(0), row.getString(1), state);
        p.userId = row.getString(2);
        p.stage = row.getString(4);
        p.stageSince = instant(row.getOffsetDateTime(5));
        p.previousStage = row.getString(6);
        p.rfmGroup = row.getString(7);
        Integer version = row.getInteger(8);
        p.modelVersion = version == null ? 0 : version;
        String[] segments = row.getArrayOfStrings(9);
        p.segments = new LinkedHashSet<>(segments == null ? List.of() : Arrays.asList(segments));
        p.nextChangeAt = instant(row.getOffsetDateTime(10));
        p.lastEventAt = instant(row.getOffsetDateTime(11));
        state.profileId = p.id.toString();
        return p;
    }

    static String json(ProfileState state) {
        try {
            return LifecycleJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
