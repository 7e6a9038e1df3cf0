package org.lifecycle.campaign.template.service;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data a template sees: plain maps and lists built from a {@link MessageContext}, so rendering needs no
 * reflection and a template can name only what is listed here (checked when it is saved).
 *
 * <pre>
 * contact          customerKey, email, phone, timeZone, stage, segments, attributes, orders, revenue, traits
 * traits           the contact's traits (a shortcut for contact.traits)
 * offer            percentOff, tier, value, likelihood; null without an offer
 * recommendations  a list of {id, name}; name when the trigger event listed the product, else null
 * journey          key, version, step, variant
 * trigger          the properties of the event that started the enrollment
 * links            unsubscribe
 * survey           key, url: the recipient's personal, signed survey link; null outside survey steps
 * message          id, channel
 * store            name, url
 * </pre>
 */
public final class MessageModel {

    /** The names a template may use at the top level. */
    public static final Set<String> NAMES = Set.of("contact", "traits", "offer", "recommendations", "journey",
            "trigger", "links", "message", "store", "survey");

    /** The properties of the names whose shape is fixed; the others (traits, trigger) hold whatever was sent. */
    public static final Map<String, Set<String>> PROPERTIES = Map.of(
            "contact", Set.of("customerKey", "email", "phone", "timeZone", "stage", "segments", "attributes",
                    "orders", "revenue", "traits"),
            "offer", Set.of("percentOff", "tier", "value", "likelihood"),
            "journey", Set.of("key", "version", "step", "variant"),
            "links", Set.of("unsubscribe"),
            "message", Set.of("id", "channel"),
            "store", Set.of("name", "url"),
            "survey", Set.of("key", "url"));

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private MessageModel() {
    }

    /**
     * The data of one message.
     *
     * @param unsubscribeUrl the message's unsubscribe link
     */
    public static Map<String, Object> of(MessageContext context, String unsubscribeUrl, Store store) {
        Contact contact = context.contact();
        Map<String, Object> traits = toMap(contact.traits());
        Map<String, Object> contactData = new HashMap<>();
        contactData.put("customerKey", contact.customerKey());
        contactData.put("email", contact.email());
        contactData.put("phone", contact.phone());
        contactData.put("timeZone", contact.timeZone());
        contactData.put("stage", contact.stage());
        contactData.put("segments", List.copyOf(new TreeSet<>(contact.segments())));
        contactData.put("attributes", new TreeMap<>(contact.attributes()));
        contactData.put("orders", contact.orders());
        contactData.put("revenue", contact.revenue());
        contactData.put("traits", traits);

        Map<String, Object> journey = new HashMap<>();
        journey.put("key", context.journeyKey());
        journey.put("version", context.journeyVersion());
        journey.put("step", context.stepId());
        journey.put("variant", context.variant());

        Map<String, Object> data = new HashMap<>();
        data.put("contact", contactData);
        data.put("traits", traits);
        data.put("offer", offer(context.offer()));
        data.put("recommendations", recommendations(context.recommendations(), context.trigger()));
        data.put("journey", journey);
        data.put("trigger", toMap(context.trigger()));
        data.put("links", Map.of("unsubscribe", unsubscribeUrl));
        data.put("message", Map.of("id", context.messageId(), "channel", context.channel().wireName()));
        data.put("store", Map.of("name", store.name(), "url", store.url()));
        data.put("survey", context.survey() == null
                ? null
                : Map.of("key", context.survey().key(), "url", context.survey().url()));
        return data;
    }

    private static Map<String, Object> offer(Offer offer) {
        if (offer == null) {
            return null;
        }
        return Map.of("percentOff", offer.percentOff(), "tier", offer.tier(), "value", offer.value().key(),
                "likelihood", offer.likelihood().key());
    }

    /**
     * The recommended products with their names where the trigger event listed them (Segment's
     * {@code products[].product_id} and {@code name}); there is no catalogue to look the others up in.
     */
    private static List<Map<String, Object>> recommendations(List<String> ids, ObjectNode trigger) {
        Map<String, String> names = new HashMap<>();
        if (trigger != null && trigger.path("products").isArray()) {
            for (JsonNode product : trigger.path("products")) {
                String id = product.path("product_id").asText(product.path("sku").asText(""));
                if (!id.isEmpty() && product.path("name").isTextual()) {
                    names.put(id, product.path("name").asText());
                }
            }
        }
        return ids.stream().map(id -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", id);
            item.put("name", names.get(id));
            return item;
        }).toList();
    }

    private static Map<String, Object> toMap(ObjectNode node) {
        return node == null ? Map.of() : LifecycleJson.mapper().convertValue(node, MAP);
    }
}
