package org.lifecycle.campaign.runtime.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.tracking.ConsentStore;
import org.lifecycle.campaign.tracking.repository.ConsentChangeLog;
import org.lifecycle.contracts.dispatch.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Withdraws consent on the contact itself, in the unsubscribe's transaction, and logs the change in
 * {@code consent_change}: the next send decision, on any replica, reads the contact and suppresses the channel at
 * once, before the {@code Unsubscribed} event has gone round Kafka. An erased customer stays erased.
 */
@ApplicationScoped
public class ContactConsentStore implements ConsentStore {

    private final ConsentChangeLog log = new ConsentChangeLog();

    @Override
    public Uni<Void> withdraw(SqlConnection tx, String customerKey, Channel channel, Instant at, String messageId,
            String eventId) {
        return log.withdraw(tx, customerKey, channel, at, messageId, eventId)
                .flatMap(logged -> tx.preparedQuery("""
                        insert into contact (customer_key, consent) select $1, jsonb_build_object($2::text, false)
                        where not exists (select 1 from erased_customer where key_hash = sha256(convert_to($1, 'UTF8')))
                        on conflict (customer_key) do update
                            set consent = contact.consent || jsonb_build_object($2::text, false), updated_at = now()""")
                        .execute(Tuple.of(customerKey, channel.wireName())))
                .replaceWithVoid();
    }
}
