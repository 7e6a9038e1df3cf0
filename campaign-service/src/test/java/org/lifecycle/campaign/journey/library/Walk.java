package org.lifecycle.campaign.journey.library;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.campaign.journey.engine.Effect;
import org.lifecycle.campaign.journey.engine.Enrollment;
import org.lifecycle.campaign.journey.engine.EntryDecider;
import org.lifecycle.campaign.journey.engine.EntryDecision;
import org.lifecycle.campaign.journey.engine.GlobalControl;
import org.lifecycle.campaign.journey.engine.Input;
import org.lifecycle.campaign.journey.engine.JourneyEngine;
import org.lifecycle.campaign.journey.engine.Transition;
import org.lifecycle.campaign.journey.offer.OfferTiers;
import org.lifecycle.campaign.journey.offer.WinBackOffers;

/**
 * One customer walked through a ready-made journey the way the runtime will drive it: an entry decision on the
 * trigger, then the engine on each timer and event, keeping every effect with the moment it happened.
 */
final class Walk {

    /** An effect and the moment the engine produced it. */
    record At(Instant at, Effect effect) {
    }

    private static final EntryDecider ENTRY = new EntryDecider(GlobalControl.none(), Duration.ofHours(24));
    private static final JourneyEngine ENGINE = new JourneyEngine(new WinBackOffers(OfferTiers.defaults()));

    private final JourneyVersion journey;
    private final Contact contact;
    private final List<At> effects = new ArrayList<>();
    private Enrollment enrollment;
    private Instant now;

    private Walk(JourneyVersion journey, Contact contact, Enrollment enrollment, Instant now) {
        this.journey = journey;
        this.contact = contact;
        this.enrollment = enrollment;
        this.now = now;
    }

    /** The customer enters the ready-made journey {@code key} on {@code signal}, processed at its event time. */
    static Walk enter(String key, TriggerSignal signal, Contact contact) {
        JourneyVersion journey = new JourneyVersion(ReadyMadeJourneys.definition(key), 1);
        EntryDecision decision = ENTRY.decide(journey, signal, contact, List.of(), signal.occurredAt());
        if (!(decision instanceof EntryDecision.Enter enter)) {
            throw new AssertionError("Expected " + contact.customerKey() + " to enter " + key + ": " + decision);
        }
        Walk walk = new Walk(journey, contact, enter.enrollment(), signal.occurredAt());
        walk.apply(new Input.TriggerReceived());
        return walk;
    }

    /** Lets time pass until the enrollment's timer and fires it. */
    Walk timer() {
        Instant due = enrollment.wakeAt();
        if (due == null) {
            throw new AssertionError("No timer pending: " + enrollment);
        }
        now = due;
        return apply(new Input.TimerDue(due));
    }

    /** The customer does something at {@code event.occurredAt()}, processed right then. */
    Walk event(JourneyEvent event) {
        now = event.occurredAt();
        return apply(new Input.EventObserved(event));
    }

    private Walk apply(Input input) {
        Transition transition = ENGINE.handle(journey, enrollment, input, contact, now);
        enrollment = transition.enrollment();
        transition.effects().forEach(effect -> effects.add(new At(now, effect)));
        return this;
    }

    Enrollment enrollment() {
        return enrollment;
    }

    List<At> effects() {
        return effects;
    }

    /** Every message queued so far, with when. */
    List<At> sends() {
        return effects.stream().filter(at -> at.effect() instanceof Effect.SendMessage).toList();
    }

    static Effect.SendMessage message(At at) {
        return (Effect.SendMessage) at.effect();
    }
}
