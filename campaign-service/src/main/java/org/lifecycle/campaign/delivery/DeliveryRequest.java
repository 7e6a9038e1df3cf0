package org.lifecycle.campaign.delivery;

import java.util.List;
import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One message the send policy let through, handed to a channel: which template to render for whom, and with what.
 *
 * @param messageId the send ledger's id of the message; tracking links and the channel's idempotency key carry it
 * @param channel where it goes
 * @param templateKey the template to render
 * @param contact the recipient as campaign-service knows them (address, traits, stage, segments, attributes)
 * @param journeyKey the journey that sends it
 * @param journeyVersion the journey's version
 * @param stepId the send step
 * @param variant the A/B variant, {@code null} for a step without variants
 * @param offer the win-back offer the step asked for, {@code null} when none
 * @param recommendations product ids for a "customers who bought X also bought Y" block, best first; empty when none
 * @param trigger the properties of the event that started the enrollment, {@code null} when it had none
 * @param survey the survey whose personal link the message carries, {@code null} when none
 * @param endpoint the named endpoint a webhook message goes to ({@code support_desk}), {@code null} for the
 *        channel's own
 */
public record DeliveryRequest(
        String messageId,
        Channel channel,
        String templateKey,
        Contact contact,
        String journeyKey,
        int journeyVersion,
        String stepId,
        String variant,
        Offer offer,
        List<String> recommendations,
        ObjectNode trigger,
        Step.Survey survey,
        String endpoint) {

    public DeliveryRequest {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(journeyKey, "journeyKey");
        Objects.requireNonNull(stepId, "stepId");
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    /** A message without a survey link, to its channel's own endpoint. */
    public DeliveryRequest(String messageId, Channel channel, String templateKey, Contact contact, String journeyKey,
            int journeyVersion, String stepId, String variant, Offer offer, List<String> recommendations,
            ObjectNode trigger) {
        this(messageId, channel, templateKey, contact, journeyKey, journeyVersion, stepId, variant, offer,
                recommendations, trigger, null, null);
    }
}
