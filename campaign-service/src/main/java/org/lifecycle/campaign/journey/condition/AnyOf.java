package org.lifecycle.campaign.journey.condition;

import java.util.List;

import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"any": [...]}}: at least one condition holds. */
public record AnyOf(List<Condition> conditions) implements Condition {

    public AnyOf {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("any needs at least one condition");
        }
        conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Contact contact, ObjectNode event) {
        return conditions.stream().anyMatch(condition -> condition.test(contact, event));
    }
}
