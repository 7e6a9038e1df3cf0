package org.lifecycle.campaign.runtime.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
