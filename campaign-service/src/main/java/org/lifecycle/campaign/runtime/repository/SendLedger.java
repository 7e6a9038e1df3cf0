package org.lifecycle.campaign.runtime.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.engine.SendKey;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.campaign.journey.policy.SentMessage;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The send ledger: one row per message, unique on its {@link SendKey}. A message moves queued → (held →) sending →
 * sent (→ delivered or bounced), or to failed or suppressed; it is marked sending, and committed, before any channel
 * sees it, and nothing ever moves it back, so no message reaches a channel twice.
 */
@ApplicationScoped
public class SendLedger {

    private static final String COLUMNS = """
            l.message_id, l.journey_key, l.journey_version, l.step_id, l.customer_key, l.enrollment_id, l.channel,
            l.template, l.priority, l.variant, l.offer::text as offer, l.recommendations::text as recommendations,
            l.trigger_properties::text as trigger_properties, l.status, l.reason, l.due_at, l.queued_at, l.sent_at,
            l.provider_message_id""";

    /** The message id of a send key: name-based, so the same step for the same enrollment has the same id. */
    public static String messageId(SendKey key) {
        return UUID.nameUUIDFromBytes(String.join("\n", key.journeyKey(), Integer.toString(key.journeyVersion()),
                key.stepId(), key.customerKey(), key.enrollmentId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Queues a message (or records one that is born suppressed, such as a held-out customer's, with its status and
     * reason); false when the ledger has its key already (a replay: it was queued, maybe sent).
     */
    public boolean queue(Tx tx, LedgerMessage m) {
        return queueAll(tx, List.of(m)).size() == 1;
    }

    /**
     * Queues many messages in one statement (each with its status, {@code queued} or born {@code suppressed}); returns
     * the ids stored: a message whose key the ledger has already is skipped.
     */
    public Set<String> queueAll(Tx tx, List<LedgerMessage> messages) {
        Set<String> queued = new HashSet<>();
        if (messages.isEmpty()) {
            return queued;
        }
        int n = messages.size();
        String[] ids = new String[n];
        String[] journeyKeys = new String[n];
        Integer[] versions = new Integer[n];
        String[] steps = new String[n];
        String[] customers = new String[n];
        String[] enrollments = new String[n];
        String[] channels = new String[n];
        String[] templates = new String[n];
        Integer[] priorities = new Integer[n];
        String[] variants = new String[n];
        String[] offers = new String[n];
        String[] recommendations = new String[n];
        String[] triggers = new String[n];
        OffsetDateTime[] due = new OffsetDateTime[n];
        OffsetDateTime[] queuedAt = new OffsetDateTime[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerMessage m = messages.get(i);
            ids[i] = m.messageId();
            journeyKeys[i] = m.journeyKey();
            versions[i] = m.journeyVersion();
            steps[i] = m.stepId();
            customers[i] = m.customerKey();
            enrollments[i] = m.enrollmentId();
            channels[i] = m.channel().wireName();
            templates[i] = m.template();
            priorities[i] = m.priority().value();
            variants[i] = m.variant();
            offers[i] = m.offer() == null ? null : LifecycleJson.mapper().valueToTree(m.offer()).toString();
            recommendations[i] = LifecycleJson.mapper().valueToTree(m.recommendations()).toString();
            triggers[i] = m.triggerProperties().toString();
            due[i] = Db.utc(m.dueAt());
            queuedAt[i] = Db.utc(m.queuedAt());
            statuses[i] = m.status();
            reasons[i] = m.reason();
        }
        tx.query("""
                insert into send_ledger (message_id, journey_key, journey_version, step_id, customer_key, enrollment_id,
                    channel, template, priority, variant, offer, recommendations, trigger_properties, status, due_at,
                    queued_at, reason)
                select id, jk, jv, st, ck, en, ch, tp, pr, va, o::jsonb, r::jsonb, tr::jsonb, ss, du, qa, re
                from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[],
                    $15::timestamptz[], $16::text[], $17::text[])
                    as u(id, jk, jv, st, ck, en, ch, tp, pr, va, o, r, tr, du, qa, ss, re)
                on conflict do nothing
                returning message_id""", ids, journeyKeys, versions, steps, customers, enrollments, channels,
                templates, priorities, variants, offers, recommendations, triggers, due, queuedAt, statuses, reasons)
                .forEach(row -> queued.add(row.getString(0)));
        return queued;
    }

    /** Claims due messages of running journeys; other dispatchers skip them until this transaction ends. */
    public List<LedgerMessage> claimDue(Tx tx, Instant now, int limit) {
        return list(tx.query("select " + COLUMNS + """
                 from send_ledger l join journey j on j.key = l.journey_key
                where l.status in ('queued', 'held') and l.due_at <= $1 and j.status = 'active'
                order by l.due_at limit $2 for update of l skip locked""", Db.utc(now), limit));
    }

    /** Serializes send decisions per customer across dispatchers, so caps hold with several replicas. */
    public void lockCustomer(Tx tx, String customerKey) {
        tx.query("select pg_advisory_xact_lock(hashtextextended($1, 7))", customerKey);
    }

    /** What the customer was sent since {@code since}, for the frequency caps (in flight counts as sent). */
    public List<SentMessage> history(Tx tx, String customerKey, Instant since) {
        List<SentMessage> out = new ArrayList<>();
        tx.query("""
                select channel, priority, sent_at from send_ledger
                where customer_key = $1 and sent_at >= $2 and status in ('sending', 'sent', 'delivered', 'bounced')""",
                customerKey, Db.utc(since)).forEach(
                        row -> out.add(new SentMessage(
                                ContactRepository.channel(row.getString(0)).orElseThrow(),
                                new Priority(row.getInteger(1)),
                                Db.instant(row, "sent_at"))));
        return out;
    }

    public void sending(Tx tx, String messageId, Instant at) {
        tx.query("update send_ledger set status = 'sending', reason = null, sent_at = $2, updated_at = now() "
                + "where message_id = $1", messageId, Db.utc(at));
    }

    public void hold(Tx tx, String messageId, Instant until, String reason) {
        tx.query("update send_ledger set status = 'held', due_at = $2, reason = $3, updated_at = now() "
                + "where message_id = $1", messageId, Db.utc(until), reason);
    }

    /** Moves a message from {@code from} to {@code to}; false when it was not in {@code from} (or is gone). */
    public boolean move(Tx tx, String messageId, String from, String to, String reason, String providerMessageId) {
        return tx.query("""
                update send_ledger set status = $3, reason = coalesce($4, reason),
                    provider_message_id = coalesce($5, provider_message_id), updated_at = now()
                where message_id = $1 and status = $2""", messageId, from, to, reason, providerMessageId)
                .rowCount() == 1;
    }

    public Optional<LedgerMessage> find(Tx tx, String messageId) {
        List<LedgerMessage> found = list(tx.query("select " + COLUMNS + " from send_ledger l where message_id = $1",
                messageId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Messages that stayed 'sending' longer than a delivery can take: their dispatcher stopped mid-delivery. */
    public List<LedgerMessage> stuckSending(Tx tx, Instant before, int limit) {
        return list(tx.query("select " + COLUMNS + " from send_ledger l where l.status = 'sending' "
                + "and l.updated_at < $1 limit $2 for update skip locked", Db.utc(before), limit));
    }

    /** The customer's messages, newest first. */
    public List<LedgerMessage> ofCustomer(Tx tx, String customerKey) {
        return list(tx.query("select " + COLUMNS + " from send_ledger l where customer_key = $1 "
                + "order by queued_at desc, message_id", customerKey));
    }

    /** The customer's messages not sent yet, locked. */
    public List<LedgerMessage> pendingOfCustomer(Tx tx, String customerKey) {
        return list(tx.query("select " + COLUMNS + " from send_ledger l where customer_key = $1 "
                + "and status in ('queued', 'held') for update", customerKey));
    }

    /** A journey's messages not sent yet, locked. */
    public List<LedgerMessage> pendingOfJourney(Tx tx, String journeyKey, int limit) {
        return list(tx.query("select " + COLUMNS + " from send_ledger l where journey_key = $1 "
                + "and status in ('queued', 'held') limit $2 for update", journeyKey, limit));
    }

    public void deleteCustomer(Tx tx, String customerKey) {
        tx.query("delete from send_ledger where customer_key = $1", customerKey);
    }

    private static List<LedgerMessage> list(Iterable<Row> rows) {
        List<LedgerMessage> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(map(row));
        }
        return out;
    }

    private static LedgerMessage map(Row row) {
        String offerText = row.getString("offer");
        Offer offer = null;
        List<String> recommendations = new ArrayList<>();
        try {
            if (offerText != null) {
                offer = LifecycleJson.mapper().readValue(offerText, Offer.class);
            }
            for (JsonNode id : LifecycleJson.mapper().readTree(row.getString("recommendations"))) {
                recommendations.add(id.asText());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored message JSON does not parse: " + e.getMessage(), e);
        }
        return new LedgerMessage(row.getString("message_id"), row.getString("journey_key"),
                row.getInteger("journey_version"), row.getString("step_id"), row.getString("customer_key"),
                row.getString("enrollment_id"), ContactRepository.channel(row.getString("channel")).orElseThrow(),
                row.getString("template"), new Priority(row.getInteger("priority")), row.getString("variant"), offer,
                recommendations, (ObjectNode) ContactRepository.json(row.getString("trigger_properties")),
                row.getString("status"), row.getString("reason"), Db.instant(row, "due_at"),
                Db.instant(row, "queued_at"), Db.instant(row, "sent_at"), row.getString("provider_message_id"));
    }
}
