package org.lifecycle.campaign.journey.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.contracts.dispatch.Channel;

/**
 * A message of the send ledger waiting to go to one customer.
 *
 * @param id the ledger's key of the message
 * @param queuedAt when the journey queued it
 */
public record PendingMessage(String id, Channel channel, Priority priority, Instant queuedAt) {

    /**
     * The order in which a customer's due messages are offered to the send policy: the higher priority first, then
     * the one queued first. The first takes the free slot; the next is deferred to the slot after it.
     */
    public static final Comparator<PendingMessage> DISPATCH_ORDER = Comparator
            .comparing((PendingMessage message) -> message.priority().value()).reversed()
            .thenComparing(PendingMessage::queuedAt)
            .thenComparing(PendingMessage::id);

    public PendingMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
