package org.lifecycle.campaign.tracking;

import java.util.Objects;

import org.lifecycle.contracts.dispatch.Channel;

/**
 * The message a set of tracking links belongs to.
 *
 * @param preview links in a preview work but emit nothing and change nothing
 */
public record MessageRef(String messageId, String customerKey, Channel channel, String journeyKey, String stepId,
        boolean preview) {

    public MessageRef {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(channel, "channel");
    }

    TrackingToken token(TrackingToken.Kind kind, String url) {
        return new TrackingToken(kind, messageId, customerKey, channel, journeyKey, stepId, url, preview);
    }
}
