package org.lifecycle.campaign.journey.policy;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.contracts.dispatch.Channel;

/** A message that went out to the customer, as the send ledger remembers it: what frequency caps count. */
public record SentMessage(Channel channel, Priority priority, Instant sentAt) {

    public SentMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
