package org.lifecycle.campaign.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.lifecycle.campaign.delivery.DeliveryRequest;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.OfferTiers;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Recipients and messages for tests, each with ids of its own. */
public final class Contacts {

    private Contacts() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Ann: one order worth 700 long ago, so her win-back offer is 25% off (high value, unlikely to return). */
    public static Contact ann(String customerKey) {
        ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("first_name", "Ann");
        return Contact.builder(customerKey).email(customerKey + "@mail.test").phone("+15550100").traits(traits)
                .stage("at_risk").orders(1, new BigDecimal("700.00")).build();
    }

    /** A message of a ready-made journey's step to a contact, with the win-back offer it would carry. */
    public static DeliveryRequest request(String messageId, Channel channel, String template, Contact contact) {
        return new DeliveryRequest(messageId, channel, template, contact, "win_back_at_risk", 1, "offer", null,
                new WinBackOffers(OfferTiers.defaults()).offer(contact), List.of(), null);
    }
}
