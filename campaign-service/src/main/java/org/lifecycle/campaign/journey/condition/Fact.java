package org.lifecycle.campaign.journey.condition;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * What a condition compares: one of the customer's contact facts or a property of the event at hand, named as
 * marketers write it ({@code stage}, {@code trait.address.city}, {@code attribute.predicted_clv},
 * {@code consent.sms}, {@code event.revenue}).
 *
 * @param kind which fact
 * @param name the trait path, attribute name, channel or event property path after the kind's prefix; empty for
 *        facts without one
 */
public record Fact(Kind kind, String name) {

    public Fact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.named() == name.isEmpty()) {
            throw new IllegalArgumentException(kind.prefix() + (kind.named() ? " needs a name" : " takes no name"));
        }
    }

    /** The facts, by how a fact path starts. */
    public enum Kind {
        /** The current lifecycle stage key. */
        STAGE("stage", false),
        /** The keys of the segments the customer is in, an array: compare with {@code contains}. */
        SEGMENTS("segments", false), EMAIL("email", false), PHONE("phone", false), TIMEZONE("timezone", false),
        /** How many orders the customer placed. */
        ORDERS("orders", false),
        /** What those orders were worth. */
        REVENUE("revenue", false),
        /** A trait by dotted path. */
        TRAIT("trait.", true),
        /** A published numeric attribute. */
        ATTRIBUTE("attribute.", true),
        /** Consent on a channel: true, false, absent when never stated. */
        CONSENT("consent.", true),
        /** A property of the event at hand, by dotted path. */
        EVENT("event.", true);

        private final String prefix;
        private final boolean named;

        Kind(String prefix, boolean named) {
            this.prefix = prefix;
            this.named = named;
        }

        public String prefix() {
            return prefix;
        }

        /** Whether the fact path goes on after the prefix with a name. */
        public boolean named() {
            return named;
        }
    }

    /** The fact a path names, e.g. {@code trait.plan}; empty when the path names none, or names it incompletely. */
    public static Optional<Fact> parse(String path) {
        return Arrays.stream(Kind.values())
                .filter(kind -> kind.named() ? path.startsWith(kind.prefix()) : path.equals(kind.prefix()))
                .findFirst()
                .filter(kind -> wellFormed(kind, path.substring(kind.prefix().length())))
                .map(kind -> new Fact(kind, path.substring(kind.prefix().length())));
    }

    /** The fact's value for a customer and an event; {@code null} when absent. */
    public JsonNode resolve(Contact contact, ObjectNode event) {
        return switch (kind) {
            case STAGE -> text(contact.stage());
            case SEGMENTS -> segments(contact);
            case EMAIL -> text(contact.email());
            case PHONE -> text(contact.phone());
            case TIMEZONE -> text(contact.timeZone());
            case ORDERS -> IntNode.valueOf(contact.orders());
            case REVENUE -> DecimalNode.valueOf(contact.revenue());
            case TRAIT -> contact.trait(name);
            case ATTRIBUTE -> contact.attribute(name).map(value -> (JsonNode) DecimalNode.valueOf(value)).orElse(null);
            case CONSENT -> consent(contact);
            case EVENT -> property(event);
        };
    }

    private static boolean wellFormed(Kind kind, String name) {
        if (!kind.named()) {
            return true;
        }
        if (kind == Kind.CONSENT) {
            return Arrays.stream(Channel.values()).anyMatch(channel -> channel.wireName().equals(name));
        }
        return !name.isEmpty() && !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
    }

    private JsonNode consent(Contact contact) {
        return Arrays.stream(Channel.values())
                .filter(channel -> channel.wireName().equals(name))
                .findFirst()
                .map(channel -> contact.consent().get(channel))
                .map(given -> (JsonNode) BooleanNode.valueOf(given))
                .orElse(null);
    }

    private JsonNode property(ObjectNode event) {
        JsonNode node = event;
        for (String part : name.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode segments(Contact contact) {
        ArrayNode keys = LifecycleJson.mapper().createArrayNode();
        contact.segments().stream().sorted().forEach(keys::add);
        return keys;
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }
}
