package org.lifecycle.campaign.runtime.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.engine.Enrollment;
import org.lifecycle.campaign.journey.engine.EnrollmentStatus;
import org.lifecycle.campaign.journey.engine.ExitReason;
import org.lifecycle.campaign.journey.engine.Group;
import org.lifecycle.campaign.journey.engine.Waiting;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Enrollments, one row each, with the one pending timer in {@code wake_at}. The primary key (the name-based id of
 * journey, customer and trigger) refuses a replayed trigger; a partial unique index keeps a customer in a journey at
 * most once at a time.
 */
@ApplicationScoped
public class EnrollmentRepository {

    private static final String COLUMNS = """
            e.enrollment_id, e.journey_key, e.journey_version, e.customer_key, e.grp, e.status,
            e.waiting::text as waiting, e.variants::text as variants, e.trigger_id,
            e.trigger_properties::text as trigger_properties, e.entered_at, e.goal_deadline, e.exited_at,
            e.exit_reason, e.wake_at""";

    /** Stores a new enrollment; false when it exists already, or the customer is in the journey already. */
    public boolean insert(Tx tx, Enrollment enrollment) {
        return tx
                .query("""
                        insert into enrollment (enrollment_id, journey_key, journey_version, customer_key, grp, status, waiting,
                            variants, trigger_id, trigger_properties, entered_at, goal_deadline, exited_at, exit_reason, wake_at)
                        values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9, $10::text::jsonb, $11, $12, $13, $14, $15)
                        on conflict do nothing""",
                        values(enrollment))
                .rowCount() == 1;
    }

    public void update(Tx tx, Enrollment enrollment) {
        Object[] v = values(enrollment);
        tx.query(
                """
                        update enrollment set status = $2, waiting = $3::text::jsonb, variants = $4::text::jsonb, exited_at = $5,
                            exit_reason = $6, wake_at = $7, updated_at = now()
                        where enrollment_id = $1""",
                v[0], v[5], v[6], v[7], v[12], v[13], v[14]);
    }

    /**
     * Stores many new enrollments in one statement, each in the state it reached on entry; returns the ids stored (an
     * enrollment that exists already, or a customer already in the journey, is skipped, as by {@link #insert}).
     */
    public Set<String> insertAll(Tx tx, List<Enrollment> list) {
        Set<String> stored = new HashSet<>();
        if (list.isEmpty()) {
            return stored;
        }
        int n = list.size();
        Object[][] columns = new Object[15][];
        columns[0] = new String[n];
        columns[1] = new String[n];
        columns[2] = new Integer[n];
        columns[3] = new String[n];
        columns[4] = new String[n];
        columns[5] = new String[n];
        columns[6] = new String[n];
        columns[7] = new String[n];
        columns[8] = new String[n];
        columns[9] = new String[n];
        columns[10] = new OffsetDateTime[n];
        columns[11] = new OffsetDateTime[n];
        columns[12] = new OffsetDateTime[n];
        columns[13] = new String[n];
        columns[14] = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Object[] v = values(list.get(i));
            for (int c = 0; c < 15; c++) {
                columns[c][i] = v[c];
            }
        }
        tx.query(
                """
                        insert into enrollment (enrollment_id, journey_key, journey_version, customer_key, grp, status, waiting,
                            variants, trigger_id, trigger_properties, entered_at, goal_deadline, exited_at, exit_reason, wake_at)
                        select id, jk, jv, ck, grp, st, w::jsonb, v::jsonb, tid, tp::jsonb, ea, gd, xa, xr, wa
                        from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[],
                            $14::text[], $15::timestamptz[])
                            as u(id, jk, jv, ck, grp, st, w, v, tid, tp, ea, gd, xa, xr, wa)
                        on conflict do nothing
                        returning enrollment_id""",
                (Object[]) columns).forEach(row -> stored.add(row.getString(0)));
        return stored;
    }

    /** Saves the new state of many enrollments in one statement. */
    public void updateAll(Tx tx, Collection<Enrollment> list) {
        if (list.isEmpty()) {
            return;
        }
        int n = list.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] waiting = new String[n];
        String[] variants = new String[n];
        OffsetDateTime[] exitedAt = new OffsetDateTime[n];
        String[] exitReasons = new String[n];
        OffsetDateTime[] wakeAt = new OffsetDateTime[n];
        int i = 0;
        for (Enrollment enrollment : list) {
            Object[] v = values(enrollment);
            ids[i] = (String) v[0];
            statuses[i] = (String) v[5];
            waiting[i] = (String) v[6];
            variants[i] = (String) v[7];
            exitedAt[i] = (OffsetDateTime) v[12];
            exitReasons[i] = (String) v[13];
            wakeAt[i] = (OffsetDateTime) v[14];
            i++;
        }
        tx.query("""
                update enrollment e set status = u.st, waiting = u.w::jsonb, variants = u.v::jsonb, exited_at = u.xa,
                    exit_reason = u.xr, wake_at = u.wa, updated_at = now()
                from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[],
                    $7::timestamptz[]) as u(id, st, w, v, xa, xr, wa)
                where e.enrollment_id = u.id""", ids, statuses, waiting, variants, exitedAt, exitReasons, wakeAt);
    }

    /** The enrollments of many customers in a journey, any version, active or not, by customer. */
    public Map<String, List<Enrollment>> ofCustomers(Tx tx, Collection<String> customerKeys, String journeyKey) {
        Map<String, List<Enrollment>> out = new HashMap<>();
        tx.query("select " + COLUMNS + " from enrollment e where customer_key = any($1) and journey_key = $2",
                customerKeys.toArray(String[]::new), journeyKey).forEach(row -> {
                    Enrollment enrollment = map(row);
                    out.computeIfAbsent(enrollment.customerKey(), key -> new ArrayList<>()).add(enrollment);
                });
        return out;
    }

    /** The customer's enrollments in a journey, any version, active or not. */
    public List<Enrollment> ofCustomer(Tx tx, String customerKey, String journeyKey) {
        return tx.query("select " + COLUMNS + " from enrollment e where customer_key = $1 and journey_key = $2",
                customerKey, journeyKey).stream().map(EnrollmentRepository::map).toList();
    }

    /** Every enrollment of the customer, newest first. */
    public List<Enrollment> ofCustomer(Tx tx, String customerKey) {
        return tx.query("select " + COLUMNS + " from enrollment e where customer_key = $1 order by entered_at desc",
                customerKey).stream().map(EnrollmentRepository::map).toList();
    }

    /** The customer's enrollments still in a journey that runs, locked: the ones an event may move. */
    public List<Enrollment> activeOfCustomer(Tx tx, String customerKey) {
        return tx.query("select " + COLUMNS + """
                 from enrollment e join journey j on j.key = e.journey_key
                where e.customer_key = $1 and e.status in ('waiting', 'awaiting_goal') and j.status = 'active'
                order by e.entered_at for update of e""", customerKey).stream().map(EnrollmentRepository::map)
                .toList();
    }

    /** Claims enrollments whose timer is due in journeys that run; others skip them until this transaction ends. */
    public List<Enrollment> claimDue(Tx tx, Instant now, int limit) {
        return tx.query("select " + COLUMNS + """
                 from enrollment e join journey j on j.key = e.journey_key
                where e.wake_at <= $1 and j.status = 'active'
                order by e.wake_at limit $2 for update of e skip locked""", Db.utc(now), limit).stream()
                .map(EnrollmentRepository::map).toList();
    }

    /** The enrollments still in an archived journey, locked, to stop them. */
    public List<Enrollment> activeInJourney(Tx tx, String journeyKey, int limit) {
        return tx.query("select " + COLUMNS + " from enrollment e where journey_key = $1 and status <> 'exited' "
                + "limit $2 for update", journeyKey, limit).stream().map(EnrollmentRepository::map).toList();
    }

    /** Waiting enrollments per journey version and step, for the step report. */
    public Map<String, Long> waitingBySteps(Tx tx, String journeyKey) {
        Map<String, Long> out = new HashMap<>();
        tx.query("""
                select journey_version, waiting->>'stepId' as step, count(*) as n from enrollment
                where journey_key = $1 and status = 'waiting' group by 1, 2""", journeyKey)
                .forEach(row -> out.put(row.getInteger(0) + "\n" + row.getString(1), row.getLong(2)));
        return out;
    }

    public long deleteCustomer(Tx tx, String customerKey) {
        return tx.query("delete from enrollment where customer_key = $1", customerKey).rowCount();
    }

    private static Object[] values(Enrollment e) {
        return new Object[]{e.enrollmentId(), e.journeyKey(), e.journeyVersion(), e.customerKey(),
                e.group().name().toLowerCase(Locale.ROOT), e.status().name().toLowerCase(Locale.ROOT),
                e.waiting() == null ? null : LifecycleJson.mapper().valueToTree(e.waiting()).toString(),
                LifecycleJson.mapper().valueToTree(e.variants()).toString(), e.triggerId(),
                e.triggerProperties().toString(), Db.utc(e.enteredAt()), Db.utc(e.goalDeadline()),
                Db.utc(e.exitedAt()), e.exitReason() == null ? null : e.exitReason().name().toLowerCase(Locale.ROOT),
                Db.utc(e.wakeAt())};
    }

    static Enrollment map(Row row) {
        String waitingText = row.getString("waiting");
        Waiting waiting = null;
        if (waitingText != null) {
            JsonNode w = ContactRepository.json(waitingText);
            waiting = new Waiting(w.get("stepId").asText(), Instant.parse(w.get("since").asText()),
                    Instant.parse(w.get("until").asText()), w.hasNonNull("event") ? w.get("event").asText() : null);
        }
        Map<String, String> variants = new HashMap<>();
        ContactRepository.json(row.getString("variants")).properties()
                .forEach(entry -> variants.put(entry.getKey(), entry.getValue().asText()));
        String exit = row.getString("exit_reason");
        return new Enrollment(row.getString("enrollment_id"), row.getString("journey_key"),
                row.getInteger("journey_version"), row.getString("customer_key"),
                Group.valueOf(row.getString("grp").toUpperCase(Locale.ROOT)),
                EnrollmentStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), waiting, variants,
                row.getString("trigger_id"), (ObjectNode) ContactRepository.json(row.getString("trigger_properties")),
                Db.instant(row, "entered_at"), Db.instant(row, "goal_deadline"), Db.instant(row, "exited_at"),
                exit == null ? null : ExitReason.valueOf(exit.toUpperCase(Locale.ROOT)));
    }
}
