package org.lifecycle.contracts.dispatch;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;

/**
 * A value of {@code lifecycle.dispatches}: what became of one message of one journey step to one customer.
 * Campaign-service publishes it from its send ledger; analytics computes campaign response per segment and variant
 * from it.
 *
 * @param occurredAt when it happened to the message (sent, delivered, held, ...)
 * @param receivedAt when campaign-service recorded it
 * @param journeyVersion the journey's published version, so results of an edited journey are not mixed up
 * @param enrollmentId the customer's enrollment in the journey; with {@code stepId}, the send ledger's unique key
 * @param variant the A/B variant sent; {@code null} for a step without variants
 * @param status the channel's own status, e.g. an SMTP reply ({@code 250 2.0.0 OK}) or a provider state
 *        ({@code queued})
 * @param reason why a message was failed, suppressed or held (e.g. {@code quiet hours until 08:00 Europe/Paris})
 * @param messageId the provider's id of the message (SMTP Message-ID, SMS sid) to match its callbacks; {@code null}
 *        until sent
 */
public record Dispatch(
        String id,
        DispatchType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        String profileId,
        String identityKey,
        String journeyId,
        int journeyVersion,
        String stepId,
        String enrollmentId,
        Channel channel,
        String templateId,
        String variant,
        String status,
        String reason,
        String messageId) implements Envelope {

    public static final int VERSION = 1;

    public Dispatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(journeyId, "journeyId");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(status, "status");
    }
}
