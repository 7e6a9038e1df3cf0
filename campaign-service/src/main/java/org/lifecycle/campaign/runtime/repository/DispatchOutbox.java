package org.lifecycle.campaign.runtime.repository;

import java.time.Clock;
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
