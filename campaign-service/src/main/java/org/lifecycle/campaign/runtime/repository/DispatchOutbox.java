package org.lifecycle.campaign.runtime.repository;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;

/**
 * Writes {@code lifecycle.dispatches} records into the service's outbox, in the transaction of the ledger change
 * they announce; the outbox relay publishes them in order, keyed by the customer.
 */
@ApplicationScoped
public class DispatchOutbox {

    private final Clock clock;
    private final String topic;

    public DispatchOutbox(Clock clock, @ConfigProperty(name = "lifecycle.topic-prefix") Optional<String> prefix) {
        this.clock = clock;
        this.topic = Topics.prefixed(prefix.orElse(""), Topics.DISPATCHES);
    }

    /** One record to append. */
    public record Entry(LedgerMessage message, DispatchType type, String status, String reason,
            String providerMessageId) {
    }

    /** Appends many records in two statements (the recipients' profile ids, then the rows), in list order. */
    public void appendAll(Tx tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String[] customers = entries.stream().map(e -> e.message().customerKey()).distinct().toArray(String[]::new);
        Map<String, String> profiles = new HashMap<>();
        tx.query("select customer_key, profile_id from contact where customer_key = any($1) and profile_id is not null",
                (Object) customers).forEach(row -> profiles.put(row.getString(0), row.getString(1)));
        var now = clock.instant();
        String[] keys = new String[entries.size()];
        String[] payloads = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            LedgerMessage message = e.message();
            keys[i] = message.customerKey();
            payloads[i] = LifecycleJson.mapper().valueToTree(dispatch(message,
                    profiles.getOrDefault(message.customerKey(), message.customerKey()), e, now)).toString();
        }
        tx.query("""
                insert into outbox (topic, key, payload)
                select $1, k, p from unnest($2::text[], $3::text[]) with ordinality as u(k, p, n) order by n""", topic,
                keys, payloads);
    }

    private static Dispatch dispatch(LedgerMessage message, String profileId, Entry e, Instant now) {
        return new Dispatch(UUID.randomUUID().toString(), e.type(), Dispatch.VERSION, now, now, profileId,
                message.customerKey(), message.journeyKey(), message.journeyVersion(), message.stepId(),
                message.enrollmentId(), message.channel(), message.template(), message.variant(), e.status(),
                e.reason(), e.providerMessageId());
    }

    public void append(Tx tx, LedgerMessage message, DispatchType type, String status, String reason,
            String providerMessageId) {
        String profileId = tx.query("select coalesce((select profile_id from contact where customer_key = $1), $1)",
                message.customerKey()).iterator().next().getString(0);
        var now = clock.instant();
        Dispatch dispatch = new Dispatch(UUID.randomUUID().toString(), type, Dispatch.VERSION, now, now, profileId,
                message.customerKey(), message.journeyKey(), message.journeyVersion(), message.stepId(),
                message.enrollmentId(), message.channel(), message.template(), message.variant(), status, reason,
                providerMessageId);
        tx.query("insert into outbox (topic, key, payload) values ($1, $2, $3)", topic, message.customerKey(),
                LifecycleJson.mapper().valueToTree(dispatch).toString());
    }
}
