package org.lifecycle.segmentation.profile.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.profile.service.MembershipEntry;
import org.lifecycle.segmentation.profile.service.ProfileFilter;
import org.lifecycle.segmentation.profile.service.ProfileRecord;
import org.lifecycle.segmentation.profile.service.ProfileSummary;
import org.lifecycle.segmentation.profile.service.TransitionEntry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of profiles, identities and the ledgers for the REST API, outside any transaction. Listings are keyset
 * pages in profile id order, each filter on its own index: {@code profile_stage}, {@code profile_rfm},
 * {@code profile_segments} (GIN), {@code profile_email}, the identity table's primary key.
 */
@ApplicationScoped
public class ProfileQueries {

    /** The id every page starts after: no UUID is smaller. */
    public static final UUID FIRST = new UUID(0, 0);

    private static final String SUMMARY = """
            select p.id, p.user_id, p.email, p.stage, p.stage_since, p.previous_stage, p.rfm_group, p.segments,
                p.last_event_at from profile p""";

    private final Pool pool;

    public ProfileQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} profiles the filter covers with an id after {@code after}, in id order. */
    public Uni<List<ProfileSummary>> page(ProfileFilter filter, UUID after, int limit) {
        String where = switch (filter.kind()) {
            case EVERYONE -> " where p.id > $1";
            case STAGE -> " where p.stage = $3 and p.id > $1";
            case RFM -> " where p.rfm_group = $3 and p.id > $1";
            case SEGMENT -> " where p.segments @> array[$3::text] and p.id > $1";
            case USER_ID -> " join identity i on i.profile_id = p.id"
                    + " where i.kind = 'user' and i.value = $3 and p.id > $1";
            case ANONYMOUS_ID -> " join identity i on i.profile_id = p.id"
                    + " where i.kind = 'anonymous' and i.value = $3 and p.id > $1";
            case EMAIL -> " where lower(p.email) = lower($3) and p.id > $1";
        };
        Tuple args = filter.kind() == ProfileFilter.Kind.EVERYONE
                ? Tuple.of(after, limit)
                : Tuple.of(after, limit, filter.value());
        return pool.preparedQuery(SUMMARY + where + " order by p.id limit $2").execute(args).map(rows -> {
            List<ProfileSummary> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(summary(row)));
            return out;
        });
    }

    /** A stored profile with its facts, or {@code null} when there is none. */
    public Uni<ProfileRecord> profile(UUID id) {
        return pool.preparedQuery("select " + ProfileRepository.COLUMNS + " from profile where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : ProfileRepository.record(rows.iterator().next()));
    }

    /** The user ids and anonymous ids that resolve to a profile, by kind, each sorted. */
    public Uni<Map<String, List<String>>> identities(UUID id) {
        return pool.preparedQuery("select kind, value from identity where profile_id = $1 order by kind, value")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Map<String, List<String>> out = new HashMap<>();
                    rows.forEach(row -> out.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                            .add(row.getString(1)));
                    return out;
                });
    }

    public Uni<Boolean> exists(UUID id) {
        return pool.preparedQuery("select 1 from profile where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    /** A profile's transition ledger, oldest first; rows recorded together keep the order they were written in. */
    public Uni<List<TransitionEntry>> transitions(UUID id) {
        return pool.preparedQuery("""
                select id, from_stage, to_stage, at, cause_kind, cause_event_id, rule, model_version, reactivation,
                    recorded_at
                from transition where profile_id = $1 order by at, seq""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<TransitionEntry> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(new TransitionEntry(row.getUUID(0), row.getString(1), row.getString(2),
                                instant(row, 3),
                                new TransitionEntry.Cause(row.getString(4), row.getString(5), row.getString(6)),
                                row.getInteger(7), row.getBoolean(8), instant(row, 9)));
                    }
                    return out;
                });
    }

    /** A profile's segment entries and exits, oldest first, in the order they were decided. */
    public Uni<List<MembershipEntry>> memberships(UUID id) {
        return pool.preparedQuery("""
                select segment_key, entered, at, reason from membership_change where profile_id = $1
                order by at, seq""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<MembershipEntry> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(new MembershipEntry(row.getString(0), row.getBoolean(1), instant(row, 2),
                                row.getString(3)));
                    }
                    return out;
                });
    }

    /** What marketers named their own segments, by key. */
    public Uni<Map<String, String>> customSegmentNames() {
        return pool.query("select key, name from segment").execute().map(rows -> {
            Map<String, String> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getString(0), row.getString(1)));
            return out;
        });
    }

    private static ProfileSummary summary(Row row) {
        String[] segments = row.getArrayOfStrings(7);
        return new ProfileSummary(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3),
                instant(row, 4), row.getString(5), row.getString(6),
                segments == null ? List.of() : Arrays.asList(segments), instant(row, 8));
    }

    private static Instant instant(Row row, int column) {
        return ProfileRepository.instant(row.getOffsetDateTime(column));
    }
}
