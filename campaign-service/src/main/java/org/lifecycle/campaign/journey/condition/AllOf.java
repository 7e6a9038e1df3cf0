package org.lifecycle.campaign.journey.condition;

import java.util.List;

import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code {"all": [...]}}: every condition holds. */
public record AllOf(List<Condition> conditions) implements Condition {

    public AllOf {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("all needs at least one condition");
        }
        conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Contact contact, ObjectNode event) {
        return conditions.stream().allMatch(condition -> condition.test(contact, event));
    }
}
