package org.lifecycle.campaign.tracking;

import java.time.Instant;

import org.lifecycle.contracts.dispatch.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Where an unsubscribe withdraws the customer's consent, inside the transaction that records the
 * {@code Unsubscribed} event, so the two commit together and the very next send decision sees the withdrawal.
 */
public interface ConsentStore {

    /**
     * Withdraws consent on a channel.
     *
     * @param tx the transaction of the tracking hit
     * @param customerKey the customer's identity key
     * @param channel the channel they leave
     * @param at when they asked
     * @param messageId the message whose link they used
     * @param eventId the id of the {@code Unsubscribed} event announcing it
     */
    Uni<Void> withdraw(SqlConnection tx, String customerKey, Channel channel, Instant at, String messageId,
            String eventId);
}
