package org.lifecycle.campaign.runtime.repository;

import java.time.Instant;
import java.util.List;

import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One message of the send ledger.
 *
 * @param status {@code queued}, {@code held}, {@code sending}, {@code sent}, {@code delivered}, {@code bounced},
 *        {@code failed} or {@code suppressed}
 * @param reason why it is held, failed or suppressed; {@code null} otherwise
 * @param dueAt when the dispatcher offers it to the send policy (again)
 */
public record LedgerMessage(
        String messageId,
        String journeyKey,
        int journeyVersion,
        String stepId,
        String customerKey,
        String enrollmentId,
        Channel channel,
        String template,
        Priority priority,
        String variant,
        Offer offer,
        List<String> recommendations,
        ObjectNode triggerProperties,
        String status,
        String reason,
        Instant dueAt,
        Instant queuedAt,
        Instant sentAt,
        String providerMessageId) {
}
