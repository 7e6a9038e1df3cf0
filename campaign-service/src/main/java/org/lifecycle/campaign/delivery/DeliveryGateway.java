package org.lifecycle.campaign.delivery;

import io.smallrye.mutiny.Uni;

/**
 * Renders a message's template for its recipient and sends it on its channel (email over SMTP; SMS, push and
 * generic webhooks over HTTP), with the channel's timeout, retries and circuit breaker. The dispatcher calls it once
 * per message and records the outcome in the send ledger; it never calls it twice for one message id.
 */
public interface DeliveryGateway {

    /** Never fails: every failure is an outcome, so the caller records it. */
    Uni<DeliveryOutcome> deliver(DeliveryRequest request);
}
