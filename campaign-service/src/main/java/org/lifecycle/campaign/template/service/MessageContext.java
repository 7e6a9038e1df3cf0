package org.lifecycle.campaign.template.service;

import java.util.List;
import java.util.Objects;

import org.lifecycle.campaign.delivery.DeliveryRequest;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.campaign.tracking.MessageRef;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything a template is rendered with for one message: the recipient, the journey step that sends it, and what the
 * step attached.
 *
 * @param journeyKey the sending journey; {@code null} in a preview without one
 * @param journeyVersion its version; {@code null} when unknown
 * @param offer the win-back offer, {@code null} when none
 * @param recommendations product ids, best first
 * @param trigger the properties of the event that started the enrollment; {@code null} when none
 * @param preview the message is a preview: its links emit nothing and change nothing
 * @param survey the survey whose personal link the message carries; {@code null} when none
 */
public record MessageContext(String messageId, Channel channel, Contact contact, String journeyKey,
        Integer journeyVersion, String stepId, String variant, Offer offer, List<String> recommendations,
        ObjectNode trigger, boolean preview, SurveyLink survey) {

    /** A survey step's survey and the recipient's signed link to it. */
    public record SurveyLink(String key, String url) {

        public SurveyLink {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(url, "url");
        }
    }

    public MessageContext {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contact, "contact");
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    /** A message without a survey link. */
    public MessageContext(String messageId, Channel channel, Contact contact, String journeyKey,
            Integer journeyVersion, String stepId, String variant, Offer offer, List<String> recommendations,
            ObjectNode trigger, boolean preview) {
        this(messageId, channel, contact, journeyKey, journeyVersion, stepId, variant, offer, recommendations,
                trigger, preview, null);
    }

    /** The context of a message to send, with its survey link when it carries one. */
    public static MessageContext of(DeliveryRequest request, SurveyLink survey) {
        return new MessageContext(request.messageId(), request.channel(), request.contact(), request.journeyKey(),
                request.journeyVersion(), request.stepId(), request.variant(), request.offer(),
                request.recommendations(), request.trigger(), false, survey);
    }

    /** The message its tracking links belong to. */
    public MessageRef ref() {
        return new MessageRef(messageId, contact.customerKey(), channel, journeyKey, stepId, preview);
    }
}
