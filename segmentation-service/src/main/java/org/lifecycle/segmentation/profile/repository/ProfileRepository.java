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
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;
import org.lifecycle.segmentation.ServiceJson;
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

    /**
     * What a batch of events reads first, in one statement: it records the event ids as processed (those seen for the
     * first time are the only ones to apply), finds the profiles the identities point at, and takes the predictions
     * kept for {@code keys}.
     */
    public Uni<Claimed> claim(SqlClient client, List<String> eventIds, Collection<Identity> identities,
            Collection<String> keys) {
        String[] kinds = identities.stream().map(Identity::kind).toArray(String[]::new);
        String[] values = identities.stream().map(Identity::value).toArray(String[]::new);
        return client.preparedQuery("""
                with claimed as (
                    insert into processed_event (event_id) select unnest($1::text[])
                    on conflict do nothing returning event_id),
                taken as (
                    delete from pending_prediction where customer = any($4::text[]) returning prediction)
                select 0, event_id, null::text, null::uuid from claimed
                union all
                select 1, i.kind, i.value, i.profile_id from identity i
                    join unnest($2::text[], $3::text[]) as w(kind, value) on i.kind = w.kind and i.value = w.value
                union all
                select 2, prediction, null, null from taken""")
                .execute(Tuple.of(eventIds.toArray(String[]::new), kinds, values, keys.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    Map<Identity, UUID> found = new HashMap<>();
                    List<String> predictions = new ArrayList<>(0);
                    for (Row row : rows) {
                        switch (row.getInteger(0)) {
                            case 0 -> fresh.add(row.getString(1));
                            case 1 -> found.put(new Identity(row.getString(1), row.getString(2)), row.getUUID(3));
                            default -> predictions.add(row.getString(1));
                        }
                    }
                    return new Claimed(fresh, found, predictions);
                });
    }

    /**
     * What {@link #claim} found: the event ids to apply, the profiles the identities point at, and the predictions
     * taken (as JSON text, to read off the event loop with {@link #prediction}).
     */
    public record Claimed(Set<String> fresh, Map<Identity, UUID> found, List<String> predictions) {
    }

    /** A prediction {@link #claim} took, read. */
    public static CustomerPrediction prediction(String json) {
        return LifecycleJson.decode(json, CustomerPrediction.class);
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
        return lockRows(client, ids).map(ProfileRepository::records);
    }

    /**
     * Locks profiles for the rest of the transaction and returns their rows undecoded: reading the facts documents
     * is CPU work that callers do off the event loop with {@link #records}.
     */
    public Uni<RowSet<Row>> lockRows(SqlClient client, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery("select " + COLUMNS + " from profile where id = any($1) order by id for update")
                .execute(Tuple.of(ids.toArray(UUID[]::new)));
    }

    /** Profiles whose next time-driven change is due by {@code horizon}, locked, skipping those others hold. */
    public Uni<RowSet<Row>> claimDue(SqlClient client, Instant horizon, int limit) {
        return client.preparedQuery("select " + COLUMNS + """
                 from profile where next_change_at <= $1 order by next_change_at limit $2
                for update skip locked""")
                .execute(Tuple.of(time(horizon), limit));
    }

    /** The next page of profiles after {@code afterId}, locked, for jobs over every profile. */
    public Uni<RowSet<Row>> lockPage(SqlClient client, UUID afterId, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from profile where id > $1 order by id limit $2 for update")
                .execute(Tuple.of(afterId == null ? new UUID(0, 0) : afterId, limit));
    }

    /** Writes everything a unit of work changed. */
    public Uni<Void> save(SqlClient client, Changes changes) {
        return write(client, prepare(changes));
    }

    /**
     * The statements' parameters for everything a unit of work changed: the CPU part of saving (facts documents and
     * announcements to JSON, arrays per column), which callers run off the event loop before {@link #write}.
     */
    public static Writes prepare(Changes changes) {
        return new Writes(profileColumns(changes.profiles.values()), identityColumns(changes.identities),
                changes.merged.isEmpty() ? List.of() : mergeTuples(changes.merged),
                transitionColumns(changes.transitions, changes.merged),
                membershipColumns(changes.memberships, changes.merged), OutboxRepository.columns(changes.outbox),
                watermarkTuples(changes.watermarks));
    }

    /**
     * Prepared parameters of one unit of work; {@code null} or empty parts write nothing. Each table is written by
     * one statement over arrays ({@code unnest}), whatever the number of rows.
     */
    public record Writes(Tuple profiles, Tuple identities, List<Tuple> merged, Tuple transitions, Tuple memberships,
            Tuple outbox, List<Tuple> watermarks) {
    }

    /**
     * Writes what {@link #prepare} made ready, in the caller's transaction. A connection executes statements in the
     * order it receives them, so without merges every statement is sent before the first answer comes back (one round
     * trip for all); a merge moves and deletes rows, and is written one statement after the other.
     */
    public Uni<Void> write(SqlClient client, Writes w) {
        if (!w.merged().isEmpty()) {
            return writeInTurn(client, w);
        }
        if (w.profiles() == null && w.identities() == null && w.transitions() == null && w.memberships() == null
                && w.outbox() == null && w.watermarks().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> columns = new ArrayList<>(39);
        addColumns(columns, w.profiles(), EMPTY_PROFILES);
        addColumns(columns, w.identities(), EMPTY_IDENTITIES);
        addColumns(columns, w.transitions(), EMPTY_TRANSITIONS);
        addColumns(columns, w.memberships(), EMPTY_MEMBERSHIPS);
        addColumns(columns, w.outbox(), EMPTY_OUTBOX);
        addColumns(columns, watermarkColumns(w.watermarks()), EMPTY_WATERMARKS);
        return client.preparedQuery(EVERYTHING).execute(Tuple.tuple(columns)).replaceWithVoid();
    }

    private static void addColumns(List<Object> columns, Tuple part, List<Object> empty) {
        if (part == null) {
            columns.addAll(empty);
        } else {
            for (int i = 0; i < part.size(); i++) {
                columns.add(part.getValue(i));
            }
        }
    }

    private static final List<Object> EMPTY_PROFILES = List.of(new UUID[0], new String[0], new String[0],
            new String[0], new String[0], new String[0], new OffsetDateTime[0], new String[0], new String[0],
            new Integer[0], new String[0], new OffsetDateTime[0], new OffsetDateTime[0]);
    private static final List<Object> EMPTY_IDENTITIES = List.of(new String[0], new String[0], new UUID[0]);
    private static final List<Object> EMPTY_TRANSITIONS = List.of(new UUID[0], new UUID[0], new String[0],
            new String[0], new OffsetDateTime[0], new String[0], new String[0], new String[0], new Integer[0],
            new Boolean[0]);
    private static final List<Object> EMPTY_MEMBERSHIPS = List.of(new UUID[0], new UUID[0], new String[0],
            new Boolean[0], new OffsetDateTime[0], new String[0]);
    private static final List<Object> EMPTY_OUTBOX = List.of(new String[0], new String[0], new String[0],
            new String[0]);
    private static final List<Object> EMPTY_WATERMARKS = List.of(new Integer[0], new OffsetDateTime[0],
            new Long[0]);

    /**
     * Every write of a unit of work without merges as one statement (data-modifying CTEs over arrays): one
     * statement to parse, bind and execute instead of six. Foreign keys to profiles inserted by the same statement
     * hold, as they are checked when the statement ends. Empty arrays write nothing.
     */
    private static final String EVERYTHING = """
            with p as (
                insert into profile (id, identity_key, user_id, email, state, stage, stage_since, previous_stage,
                    rfm_group, model_version, segments, next_change_at, last_event_at)
                select id, ik, uid, em, st::jsonb, sg, ss, ps, rg, mv, seg::text[], nc, le
                from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::timestamptz[], $8::text[], $9::text[], $10::int[], $11::text[], $12::timestamptz[],
                    $13::timestamptz[]) as u(id, ik, uid, em, st, sg, ss, ps, rg, mv, seg, nc, le)
                order by id
                on conflict (id) do update set identity_key = excluded.identity_key, user_id = excluded.user_id,
                    email = excluded.email, state = excluded.state, stage = excluded.stage,
                    stage_since = excluded.stage_since, previous_stage = excluded.previous_stage,
                    rfm_group = excluded.rfm_group, model_version = excluded.model_version,
                    segments = excluded.segments, next_change_at = excluded.next_change_at,
                    last_event_at = excluded.last_event_at, updated_at = now()),
            i as (
                insert into identity (kind, value, profile_id)
                select * from unnest($14::text[], $15::text[], $16::uuid[])
                on conflict (kind, value) do update set profile_id = excluded.profile_id),
            t as (
                insert into transition (id, profile_id, from_stage, to_stage, at, cause_kind, cause_event_id,
                    rule, model_version, reactivation)
                select * from unnest($17::uuid[], $18::uuid[], $19::text[], $20::text[], $21::timestamptz[],
                    $22::text[], $23::text[], $24::text[], $25::int[], $26::boolean[])),
            m as (
                insert into membership_change (id, profile_id, segment_key, entered, at, reason)
                select * from unnest($27::uuid[], $28::uuid[], $29::text[], $30::boolean[], $31::timestamptz[],
                    $32::text[])),
            o as (
                insert into outbox (topic, key, payload, headers)
                select t, k, p, h::jsonb from unnest($33::text[], $34::text[], $35::text[], $36::text[])
                    with ordinality as m(t, k, p, h, n) order by n),
            w as (
                insert into stream_watermark (partition, event_time, next_offset, applied_at)
                select pt, et, nx, now() from unnest($37::int[], $38::timestamptz[], $39::bigint[]) as x(pt, et, nx)
                on conflict (partition) do update set
                    event_time = case when excluded.next_offset >= stream_watermark.next_offset
                        then coalesce(excluded.event_time, stream_watermark.event_time)
                        else stream_watermark.event_time end,
                    next_offset = greatest(stream_watermark.next_offset, excluded.next_offset),
                    applied_at = now())
            select 1""";

    private static Tuple watermarkColumns(List<Tuple> watermarks) {
        if (watermarks.isEmpty()) {
            return null;
        }
        int n = watermarks.size();
        Integer[] partitions = new Integer[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            Tuple w = watermarks.get(i);
            partitions[i] = w.getInteger(0);
            times[i] = w.getOffsetDateTime(1);
            offsets[i] = w.getLong(2);
        }
        return Tuple.of(partitions, times, offsets);
    }

    private Uni<Void> writeInTurn(SqlClient client, Writes w) {
        return execute(client, PROFILES, w.profiles())
                .chain(() -> execute(client, IDENTITIES, w.identities()))
                .chain(() -> moveMerged(client, w.merged()))
                .chain(() -> execute(client, TRANSITIONS, w.transitions()))
                .chain(() -> execute(client, MEMBERSHIPS, w.memberships()))
                .chain(() -> outbox.append(client, w.outbox()))
                .chain(() -> saveWatermarks(client, w.watermarks()));
    }

    private static final String PROFILES = """
            insert into profile (id, identity_key, user_id, email, state, stage, stage_since, previous_stage,
                rfm_group, model_version, segments, next_change_at, last_event_at)
            select id, ik, uid, em, st::jsonb, sg, ss, ps, rg, mv, seg::text[], nc, le
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::timestamptz[], $8::text[], $9::text[], $10::int[], $11::text[], $12::timestamptz[],
                $13::timestamptz[]) as u(id, ik, uid, em, st, sg, ss, ps, rg, mv, seg, nc, le)
            order by id
            on conflict (id) do update set identity_key = excluded.identity_key, user_id = excluded.user_id,
                email = excluded.email, state = excluded.state, stage = excluded.stage,
                stage_since = excluded.stage_since, previous_stage = excluded.previous_stage,
                rfm_group = excluded.rfm_group, model_version = excluded.model_version,
                segments = excluded.segments, next_change_at = excluded.next_change_at,
                last_event_at = excluded.last_event_at, updated_at = now()""";

    private static final String IDENTITIES = """
            insert into identity (kind, value, profile_id)
            select * from unnest($1::text[], $2::text[], $3::uuid[])
            on conflict (kind, value) do update set profile_id = excluded.profile_id""";

    private static final String TRANSITIONS = """
            insert into transition (id, profile_id, from_stage, to_stage, at, cause_kind, cause_event_id,
                rule, model_version, reactivation)
            select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[],
                $6::text[], $7::text[], $8::text[], $9::int[], $10::boolean[])""";

    private static final String MEMBERSHIPS = """
            insert into membership_change (id, profile_id, segment_key, entered, at, reason)
            select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::boolean[], $5::timestamptz[],
                $6::text[])""";

    private static Uni<Void> execute(SqlClient client, String sql, Tuple columns) {
        if (columns == null) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(sql).execute(columns).replaceWithVoid();
    }

    private static Tuple profileColumns(Collection<ProfileRecord> profiles) {
        if (profiles.isEmpty()) {
            return null;
        }
        int n = profiles.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] users = new String[n];
        String[] emails = new String[n];
        String[] states = new String[n];
        String[] stages = new String[n];
        OffsetDateTime[] since = new OffsetDateTime[n];
        String[] previous = new String[n];
        String[] groups = new String[n];
        Integer[] versions = new Integer[n];
        String[] segments = new String[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        int i = 0;
        for (ProfileRecord p : profiles) {
            ids[i] = p.id;
            keys[i] = p.identityKey;
            users[i] = p.userId;
            emails[i] = p.state.email;
            states[i] = json(p.state);
            stages[i] = p.stage;
            since[i] = time(p.stageSince);
            previous[i] = p.previousStage;
            groups[i] = p.rfmGroup;
            versions[i] = p.modelVersion;
            segments[i] = arrayLiteral(p.segments);
            next[i] = time(p.nextChangeAt);
            last[i] = time(p.lastEventAt);
            i++;
        }
        return Tuple.tuple(Arrays.asList(ids, keys, users, emails, states, stages, since, previous, groups, versions,
                segments, next, last));
    }

    /** A PostgreSQL array literal of strings, every element quoted: {@code {"a","b \"c\""}}. */
    static String arrayLiteral(Collection<String> values) {
        StringBuilder out = new StringBuilder(2 + values.size() * 24).append('{');
        for (String value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }

    private static Tuple identityColumns(Map<Identity, UUID> identities) {
        if (identities.isEmpty()) {
            return null;
        }
        int n = identities.size();
        String[] kinds = new String[n];
        String[] values = new String[n];
        UUID[] ids = new UUID[n];
        int i = 0;
        for (Map.Entry<Identity, UUID> e : identities.entrySet()) {
            kinds[i] = e.getKey().kind();
            values[i] = e.getKey().value();
            ids[i] = e.getValue();
            i++;
        }
        return Tuple.of(kinds, values, ids);
    }

    private static List<Tuple> mergeTuples(Map<UUID, UUID> merged) {
        List<Tuple> tuples = new ArrayList<>();
        merged.forEach((loser, survivor) -> tuples.add(Tuple.of(loser, survivor)));
        return tuples;
    }

    private Uni<Void> moveMerged(SqlClient client, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
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

    private static Tuple transitionColumns(List<StageTransition> transitions, Map<UUID, UUID> merged) {
        List<StageTransition> changed = transitions.stream()
                .filter(t -> t.type() == TransitionType.STAGE_CHANGED).toList();
        if (changed.isEmpty()) {
            return null;
        }
        int n = changed.size();
        UUID[] ids = new UUID[n];
        UUID[] profiles = new UUID[n];
        String[] from = new String[n];
        String[] to = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] kinds = new String[n];
        String[] events = new String[n];
        String[] rules = new String[n];
        Integer[] versions = new Integer[n];
        Boolean[] reactivations = new Boolean[n];
        for (int i = 0; i < n; i++) {
            StageTransition t = changed.get(i);
            ids[i] = UUID.fromString(t.id());
            profiles[i] = owner(t.profileId(), merged);
            from[i] = t.fromStage();
            to[i] = t.toStage();
            at[i] = time(t.occurredAt());
            kinds[i] = t.cause().kind().wireName();
            events[i] = t.cause().eventId();
            rules[i] = t.cause().rule();
            versions[i] = t.modelVersion();
            reactivations[i] = t.reactivation();
        }
        return Tuple.tuple(Arrays.asList(ids, profiles, from, to, at, kinds, events, rules, versions, reactivations));
    }

    private static Tuple membershipColumns(List<MembershipChange> changes, Map<UUID, UUID> merged) {
        if (changes.isEmpty()) {
            return null;
        }
        int n = changes.size();
        UUID[] ids = new UUID[n];
        UUID[] profiles = new UUID[n];
        String[] keys = new String[n];
        Boolean[] entered = new Boolean[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            MembershipChange c = changes.get(i);
            ids[i] = UUID.fromString(c.id());
            profiles[i] = owner(c.profileId(), merged);
            keys[i] = c.segmentKey();
            entered[i] = c.entered();
            at[i] = time(c.occurredAt());
            reasons[i] = c.reason();
        }
        return Tuple.tuple(Arrays.asList(ids, profiles, keys, entered, at, reasons));
    }

    private static List<Tuple> watermarkTuples(Map<Integer, Changes.Watermark> watermarks) {
        List<Tuple> tuples = new ArrayList<>();
        watermarks.forEach((partition, w) -> tuples.add(Tuple.of(partition, time(w.eventTime()), w.nextOffset())));
        return tuples;
    }

    private Uni<Void> saveWatermarks(SqlClient client, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                insert into stream_watermark (partition, event_time, next_offset, applied_at) values ($1, $2, $3, now())
                on conflict (partition) do update set
                    event_time = case when excluded.next_offset >= stream_watermark.next_offset
                        then coalesce(excluded.event_time, stream_watermark.event_time)
                        else stream_watermark.event_time end,
                    next_offset = greatest(stream_watermark.next_offset, excluded.next_offset),
                    applied_at = now()""")
                .executeBatch(tuples).replaceWithVoid();
    }

    /** Keeps predictions for identity keys no profile answers to yet: the latest fit per key. */
    public Uni<Void> keepPendingPredictions(SqlClient client, List<CustomerPrediction> predictions) {
        if (predictions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>(predictions.size());
        for (CustomerPrediction p : predictions) {
            tuples.add(Tuple.of(p.customer(), time(p.fittedAt()),
                    new String(LifecycleJson.encode(p), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return client.preparedQuery("""
                insert into pending_prediction (customer, fitted_at, prediction) values ($1, $2, $3)
                on conflict (customer) do update set fitted_at = excluded.fitted_at,
                    prediction = excluded.prediction, received_at = now()
                where excluded.fitted_at >= pending_prediction.fitted_at""")
                .executeBatch(tuples).replaceWithVoid();
    }

    /** Decodes profile rows (their facts documents): CPU work, best done off the event loop. */
    public static List<ProfileRecord> records(RowSet<Row> rows) {
        if (rows == null) {
            return new ArrayList<>();
        }
        List<ProfileRecord> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(record(row));
        }
        return out;
    }

    static ProfileRecord record(Row row) {
        ProfileState state;
        try {
            state = ServiceJson.mapper().readValue(row.getString(3), ProfileState.class);
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
            return ServiceJson.mapper().writeValueAsString(state);
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
