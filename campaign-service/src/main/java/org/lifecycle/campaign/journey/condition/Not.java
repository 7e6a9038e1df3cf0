package org.lifecycle.campaign.journey.condition;

import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"not": {...}}}: the condition does not hold. */
public record Not(Condition condition) implements Condition {

    public Not {
        Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean test(Contact contact, ObjectNode event) {
        return !condition.test(contact, event);
    }
}
