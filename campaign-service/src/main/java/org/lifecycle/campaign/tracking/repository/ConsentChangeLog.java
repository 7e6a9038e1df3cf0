package org.lifecycle.campaign.tracking.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.tracking.ConsentStore;
import org.lifecycle.contracts.dispatch.Channel;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records withdrawn consent in {@code consent_change}, a log the contact store reads the current consent from. A
 * default bean: a store that keeps consent on the contact itself replaces it by being a {@link ConsentStore} bean.
 */
@DefaultBean
@ApplicationScoped
public class ConsentChangeLog implements ConsentStore {

    @Override
    public Uni<Void> withdraw(SqlConnection tx, String customerKey, Channel channel, Instant at, String messageId,
            String eventId) {
        return tx.preparedQuery("""
                insert into consent_change (customer_key, channel, consent, message_id, event_id, changed_at)
                values ($1, $2, false, $3, $4, $5)
                on conflict (event_id) do nothing""")
                .execute(Tuple.of(customerKey, channel.wireName(), messageId, eventId, TrackingHitRepository.utc(at)))
                .replaceWithVoid();
    }
}
