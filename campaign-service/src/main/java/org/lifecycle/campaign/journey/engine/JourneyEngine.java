package org.lifecycle.campaign.journey.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.definition.Goal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.campaign.journey.definition.OfferKind;
import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.journey.definition.StepTree;
import org.lifecycle.campaign.journey.offer.Offer;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.contracts.event.PropertyValues;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Moves an enrollment through its journey version, one input at a time: a pure function of the journey, the
 * enrollment, the input, the contact and {@code now}, returning the enrollment's new state and the effects for the
 * runtime to apply in the same transaction (JOURNEYS.md, "How a journey runs").
 * <ul>
 * <li>Steps run one after another in the same call until one waits, the steps end or the journey is left.</li>
 * <li>Waits count from {@code now}, when the step is reached: after an outage the messages keep their spacing.</li>
 * <li>The goal is checked on every event first: a goal event in the window converts and exits, whatever the
 * enrollment is waiting for. Once the steps are done the enrollment stays until the goal window ends, so a later goal
 * still counts.</li>
 * <li>An input that does not apply (a replayed trigger, a timer that no longer matches, an unrelated event, anything
 * after the exit) returns the enrollment unchanged with no effects, so redelivery changes nothing twice.</li>
 * </ul>
 */
public final class JourneyEngine {

    private final WinBackOffers offers;

    public JourneyEngine(WinBackOffers offers) {
        this.offers = Objects.requireNonNull(offers, "offers");
    }

    public Transition handle(JourneyVersion journey, Enrollment enrollment, Input input, Contact contact,
            Instant now) {
        if (!journey.key().equals(enrollment.journeyKey()) || journey.version() != enrollment.journeyVersion()) {
            throw new IllegalArgumentException("Enrollment " + enrollment.enrollmentId() + " runs on "
                    + enrollment.journeyKey() + " v" + enrollment.journeyVersion() + ", not " + journey.key() + " v"
                    + journey.version());
        }
        Run run = new Run(journey, enrollment, contact, now);
        if (enrollment.status() != EnrollmentStatus.EXITED) {
            switch (input) {
                case Input.TriggerReceived received -> run.start();
                case Input.TimerDue due -> run.timer(due.at());
                case Input.EventObserved observed -> run.event(observed.event());
                case Input.Stop stop -> run.exit(stop.reason(), null);
            }
        }
        return new Transition(run.state, run.effects);
    }

    /** One call's work: the state as it changes and the effects so far. */
    private final class Run {

        private final JourneyVersion journey;
        private final StepTree tree;
        private final Contact contact;
        private final Instant now;
        private final List<Effect> effects = new ArrayList<>();
        private Enrollment state;

        Run(JourneyVersion journey, Enrollment enrollment, Contact contact, Instant now) {
            this.journey = journey;
            this.tree = new StepTree(journey.definition());
            this.contact = contact;
            this.now = now;
            this.state = enrollment;
        }

        void start() {
            if (state.status() != EnrollmentStatus.NEW) {
                return;
            }
            if (state.group() != Group.TREATMENT) {
                effects.add(new Effect.HeldOut(state.group()));
                stepsDone(ExitReason.HELD_OUT);
                return;
            }
            runFrom(tree.first());
        }

        void timer(Instant at) {
            Instant due = state.wakeAt();
            if (due == null || !due.equals(at) || now.isBefore(due)) {
                return;
            }
            if (state.status() == EnrollmentStatus.AWAITING_GOAL) {
                exit(ExitReason.GOAL_WINDOW_ENDED, null);
                return;
            }
            Step step = tree.step(state.waiting().stepId());
            switch (step) {
                case Step.Wait wait -> {
                    effects.add(new Effect.StepExited(wait.id(), "elapsed"));
                    runFrom(tree.after(wait.id()));
                }
                case Step.WaitUntil waitUntil -> {
                    effects.add(new Effect.StepExited(waitUntil.id(), "timeout"));
                    runFrom(tree.firstOf(waitUntil.onTimeout(), waitUntil.id()));
                }
                default -> throw new IllegalStateException("Waiting at step " + step.id() + ", which does not wait");
            }
        }

        void event(JourneyEvent event) {
            if (event.id().equals(state.triggerId()) || state.status() == EnrollmentStatus.NEW) {
                return;
            }
            Goal goal = journey.definition().goal();
            if (goal != null && state.inGoalWindow(event.occurredAt()) && goal.matches(event, contact)) {
                effects.add(new Effect.Converted(event.id(), event.occurredAt(), state.group(), state.variants()));
                exit(ExitReason.CONVERTED, null);
                return;
            }
            Waiting waiting = state.waiting();
            if (waiting == null || !event.name().equals(waiting.event())) {
                return;
            }
            Step.WaitUntil step = (Step.WaitUntil) tree.step(waiting.stepId());
            // After entering, for the same reason as the goal window; by the timeout, in case the timer is late.
            boolean inTime = event.occurredAt().isAfter(state.enteredAt())
                    && !event.occurredAt().isAfter(waiting.until());
            if (inTime && (step.where() == null || step.where().test(contact, event.properties()))) {
                effects.add(new Effect.StepExited(step.id(), "event"));
                runFrom(tree.firstOf(step.onEvent(), step.id()));
            }
        }

        void exit(ExitReason reason, String stepId) {
            effects.add(new Effect.Exited(reason, stepId));
            state = state.exited(reason, now);
        }

        /** Runs steps from {@code first} until one waits, the journey is left, or the steps end. */
        private void runFrom(String first) {
            String current = first;
            while (current != null) {
                Step step = tree.step(current);
                effects.add(new Effect.StepEntered(step.id()));
                switch (step) {
                    case Step.Send send -> {
                        effects.add(send(send));
                        effects.add(new Effect.StepExited(send.id(), "queued"));
                        current = tree.after(send.id());
                    }
                    case Step.Wait wait -> {
                        waitAt(new Waiting(wait.id(), now, now.plus(wait.duration()), null));
                        return;
                    }
                    case Step.WaitUntil waitUntil -> {
                        waitAt(new Waiting(waitUntil.id(), now, now.plus(waitUntil.timeout()), waitUntil.event()));
                        return;
                    }
                    case Step.Branch branch -> {
                        boolean then = branch.condition().test(contact, state.triggerProperties());
                        effects.add(new Effect.StepExited(branch.id(), then ? "then" : "else"));
                        current = tree.firstOf(then ? branch.then() : branch.otherwise(), branch.id());
                    }
                    case Step.Split split -> {
                        String variant = state.variants().get(split.id());
                        if (variant == null) {
                            variant = Assignments.variant(journey.key(), split, state.customerKey());
                            state = state.withVariant(split.id(), variant);
                        }
                        effects.add(new Effect.StepExited(split.id(), variant));
                        current = tree.firstOf(split.variant(variant).steps(), split.id());
                    }
                    case Step.Exit exit -> {
                        exit(ExitReason.EXIT_STEP, exit.id());
                        return;
                    }
                    case Step.Sunset sunset -> {
                        effects.add(new Effect.SunsetChannel(sunset.channel()));
                        effects.add(new Effect.StepExited(sunset.id(), "sunset"));
                        current = tree.after(sunset.id());
                    }
                }
            }
            stepsDone(ExitReason.COMPLETED);
        }

        /**
         * No step is left to run: wait for the goal until its window ends, or leave ({@code reason} when there is no
         * goal, the window having ended when there is one).
         */
        private void stepsDone(ExitReason reason) {
            Instant deadline = state.goalDeadline();
            if (deadline == null) {
                exit(reason, null);
            } else if (now.isBefore(deadline)) {
                state = state.awaitingGoal();
                effects.add(new Effect.ScheduleTimer(deadline, null));
            } else {
                exit(ExitReason.GOAL_WINDOW_ENDED, null);
            }
        }

        private void waitAt(Waiting waiting) {
            state = state.waitingFor(waiting);
            effects.add(new Effect.ScheduleTimer(waiting.until(), waiting.stepId()));
        }

        private Effect.SendMessage send(Step.Send send) {
            Step.Split split = tree.enclosingSplit(send.id());
            String variant = split == null ? null : state.variants().get(split.id());
            Offer offer = send.offer() == OfferKind.WIN_BACK ? offers.offer(contact) : null;
            Effect.Recommendations recommendations = send.recommendations() == 0
                    ? null
                    : new Effect.Recommendations(products(state.triggerProperties()), send.recommendations());
            SendKey key = new SendKey(journey.key(), journey.version(), send.id(), state.customerKey(),
                    state.enrollmentId());
            return new Effect.SendMessage(key, send.channel(), send.template(), send.priority(), variant, offer,
                    recommendations);
        }
    }

    /**
     * The product ids an event is about, as Segment's e-commerce spec puts them: the {@code products} of an order or a
     * checkout, else the {@code product_id} of a product event.
     */
    private static List<String> products(ObjectNode properties) {
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode product : PropertyValues.objects(properties, "products")) {
            String id = PropertyValues.text(product, "product_id");
            if (id != null) {
                ids.add(id);
            }
        }
        String single = PropertyValues.text(properties, "product_id");
        if (ids.isEmpty() && single != null) {
            ids.add(single);
        }
        return List.copyOf(ids);
    }
}
