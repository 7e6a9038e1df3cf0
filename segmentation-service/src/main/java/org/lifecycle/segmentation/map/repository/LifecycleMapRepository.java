package org.lifecycle.segmentation.map.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.map.service.LifecycleMap.Example;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lifecycle map's queries. Now: the counts kept in {@code profile_count} (a few rows, whatever the number of
 * profiles) and examples through the {@code (stage, id)} and {@code (rfm_group, id)} indexes. In the past: each
 * profile's latest ledger row and latest {@code rfm.*} membership change at or before the moment.
 */
@ApplicationScoped
public class LifecycleMapRepository {

    /**
     * Sorting the ledger of a million customers needs more than the default 4 MB; spilling to disk makes the
     * historical map several times slower.
     */
    private static final String AS_OF_WORK_MEM = "64MB";

    private final Pool pool;

    public LifecycleMapRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Profiles per stage and per RFM group; a {@code null} key counts profiles without one (no order: no group).
     */
    public record Tally(Map<String, Long> stages, Map<String, Long> groups) {
    }

    /** A tally and the first few profiles of each stage and group, by id. */
    public record Placement(Tally tally, Map<String, List<Example>> stageExamples,
            Map<String, List<Example>> groupExamples) {
    }

    /** Profiles per stage and per RFM group now: the sum of the deltas the profile table's triggers append. */
    public Uni<Tally> tally() {
        return pool.query("select stage, rfm_group, sum(delta)::bigint from profile_count group by 1, 2").execute()
                .map(rows -> {
                    Map<String, Long> stages = new HashMap<>();
                    Map<String, Long> groups = new HashMap<>();
                    for (Row row : rows) {
                        long count = row.getLong(2);
                        stages.merge(row.getString(0), count, Long::sum);
                        groups.merge(row.getString(1), count, Long::sum);
                    }
                    return new Tally(stages, groups);
                });
    }

    /**
     * Folds the deltas into one row per (stage, RFM group), so the tally reads a few rows. Concurrent writers are not
     * held up: their rows are either committed before this statement's snapshot and folded, or left for next time.
     */
    public Uni<Void> compact() {
        return pool.query("""
                with folded as (delete from profile_count returning stage, rfm_group, delta)
                insert into profile_count (stage, rfm_group, delta)
                select stage, rfm_group, sum(delta) from folded group by 1, 2 having sum(delta) <> 0""")
                .execute().replaceWithVoid();
    }

    /** Up to {@code limit} profiles of each stage, by id. */
    public Uni<Map<String, List<Example>>> stageExamples(List<String> stages, int limit) {
        return examples("stage", stages, limit);
    }

    /** Up to {@code limit} profiles of each RFM group, by id. */
    public Uni<Map<String, List<Example>>> groupExamples(List<String> groups, int limit) {
        return examples("rfm_group", groups, limit);
    }

    private Uni<Map<String, List<Example>>> examples(String column, List<String> keys, int limit) {
        if (limit == 0 || keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                select k.key, p.id, p.user_id, p.email from unnest($1::text[]) as k(key)
                cross join lateral (select id, user_id, email from profile where %s = k.key order by id limit $2) p
                order by 1, 2""".formatted(column))
                .execute(Tuple.of(keys.toArray(String[]::new), limit))
                .map(rows -> {
                    Map<String, List<Example>> out = new LinkedHashMap<>();
                    rows.forEach(row -> out.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                            .add(new Example(row.getUUID(1), row.getString(2), row.getString(3))));
                    return out;
                });
    }

    /**
     * Stages and RFM groups as they were at {@code at}: a profile's stage is the target of its latest transition at
     * or before the moment (profiles without one did not exist yet); its group is that of its latest change among the
     * {@code rfm.*} segments, if that was an entry. Merged and deleted profiles are gone from the ledger too.
     *
     * @param rfmKeys the {@code rfm.*} segment keys
     */
    public Uni<Placement> asOf(Instant at, List<String> rfmKeys, int limit) {
        // One pass grouped by (stage, group): the first few ids of each pair include the first few of each stage and
        // of each group, which placement() picks.
        String examples = limit == 0 ? "null::uuid[]" : "(array_agg(s.profile_id order by s.profile_id))[1:$3]";
        String sql = """
                with stage_at as (
                    select distinct on (profile_id) profile_id, to_stage
                    from transition where at <= $1
                    order by profile_id, at desc, seq desc
                ), rfm_at as (
                    select distinct on (profile_id) profile_id, entered, segment_key
                    from membership_change where segment_key = any($2) and at <= $1
                    order by profile_id, at desc, seq desc
                )
                select s.to_stage, case when r.entered then substr(r.segment_key, length('rfm.') + 1) end,
                    count(*), %s
                from stage_at s left join rfm_at r using (profile_id)
                group by 1, 2""".formatted(examples);
        Tuple args = Tuple.of(at.atOffset(ZoneOffset.UTC), rfmKeys.toArray(String[]::new));
        if (limit > 0) {
            args.addInteger(limit);
        }
        return pool.withTransaction(connection -> connection.query("set local work_mem = '" + AS_OF_WORK_MEM + "'")
                .execute()
                .chain(() -> connection.preparedQuery(sql).execute(args)))
                .chain(rows -> placement(rows, limit));
    }

    private Uni<Placement> placement(RowSet<Row> rows, int limit) {
        Map<String, Long> stages = new HashMap<>();
        Map<String, Long> groups = new HashMap<>();
        Map<String, List<UUID>> stageIds = new HashMap<>();
        Map<String, List<UUID>> groupIds = new HashMap<>();
        for (Row row : rows) {
            String stage = row.getString(0);
            String group = row.getString(1);
            long count = row.getLong(2);
            stages.merge(stage, count, Long::sum);
            groups.merge(group, count, Long::sum);
            UUID[] ids = row.getArrayOfUUIDs(3);
            if (ids != null) {
                stageIds.computeIfAbsent(stage, k -> new ArrayList<>()).addAll(List.of(ids));
                groupIds.computeIfAbsent(group, k -> new ArrayList<>()).addAll(List.of(ids));
            }
        }
        stageIds.remove(null);
        groupIds.remove(null);
        List<UUID> all = new ArrayList<>();
        stageIds.replaceAll((key, ids) -> first(ids, limit));
        groupIds.replaceAll((key, ids) -> first(ids, limit));
        stageIds.values().forEach(all::addAll);
        groupIds.values().forEach(all::addAll);
        return profiles(all).map(known -> new Placement(new Tally(stages, groups), resolve(stageIds, known),
                resolve(groupIds, known)));
    }

    /** The first ids in PostgreSQL's order of UUIDs (unsigned bytes, which is the order of their lowercase text). */
    private static List<UUID> first(List<UUID> ids, int limit) {
        return ids.stream().sorted(Comparator.comparing(UUID::toString)).limit(limit).toList();
    }

    private Uni<Map<UUID, Example>> profiles(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select id, user_id, email from profile where id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Example> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getUUID(0),
                            new Example(row.getUUID(0), row.getString(1), row.getString(2))));
                    return out;
                });
    }

    /** Examples by key, leaving out any profile deleted since the ledger was read. */
    private static Map<String, List<Example>> resolve(Map<String, List<UUID>> ids, Map<UUID, Example> known) {
        Map<String, List<Example>> out = new HashMap<>();
        ids.forEach((key, some) -> out.put(key, some.stream().map(known::get).filter(Objects::nonNull).toList()));
        return out;
    }
}
