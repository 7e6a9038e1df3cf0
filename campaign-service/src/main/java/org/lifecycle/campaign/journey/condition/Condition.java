package org.lifecycle.campaign.journey.condition;

import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A condition of a journey (a branch, an event trigger's filter, a goal's or a {@code wait_until}'s filter): a tree of
 * comparisons over the customer's contact facts and one event's properties, as JOURNEYS.md describes. Conditions are
 * values and pure functions of what they are given.
 */
public sealed interface Condition permits AllOf, AnyOf, Not, FactCondition {

    /**
     * @param contact the customer
     * @param event the properties {@code event.*} facts read: the event being matched (trigger, goal, awaited event)
     *        or, in a branch, the event that started the enrollment; empty when there is none
     */
    boolean test(Contact contact, ObjectNode event);
}
