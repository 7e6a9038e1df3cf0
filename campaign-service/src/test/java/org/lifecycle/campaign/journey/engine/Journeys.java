package org.lifecycle.campaign.journey.engine;

import java.time.Instant;

import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyParser;
import org.lifecycle.campaign.journey.definition.JourneyVersion;

import static org.lifecycle.campaign.journey.TestJson.json;
import static org.lifecycle.campaign.journey.TestJson.object;

/** Journeys and signals for engine tests, written as JSON like marketers write them. */
final class Journeys {

    private Journeys() {
    }

    static JourneyVersion version(String journeyJson) {
        return new JourneyVersion(JourneyParser.parse(json(journeyJson)), 1);
    }

    /** A journey triggered by {@code Checkout Started}, with the given extra fields and steps. */
    static JourneyVersion onCheckout(String fieldsAndSteps) {
        return version("""
                {"key": "checkout_journey", "name": "Checkout journey",
                 "trigger": {"type": "event", "event": "Checkout Started"}, %s}""".formatted(fieldsAndSteps));
    }

    static JourneyEvent event(String id, String name, Instant at, String properties) {
        return new JourneyEvent(id, name, at, object(properties));
    }

    static TriggerSignal checkout(String customer, String id, Instant at, String properties) {
        return new TriggerSignal.EventOccurred(customer, event(id, "Checkout Started", at, properties));
    }
}
