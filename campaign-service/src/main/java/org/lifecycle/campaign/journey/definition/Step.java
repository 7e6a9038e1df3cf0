package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.lifecycle.campaign.journey.condition.Condition;
import org.lifecycle.contracts.dispatch.Channel;

/**
 * One step of a journey. Steps form a tree: a list runs in order, a container (branch, split, {@code wait_until})
 * runs one of its lists, and when that list ends the journey goes on with the step after the container. Step ids
 * are the author's, unique in the journey and stable across versions: the send ledger and analytics key on them.
 */
public sealed interface Step {

    String id();

    /** The step lists directly inside this step; empty for a step that holds none. */
    default List<List<Step>> children() {
        return List.of();
    }

    /** Whether every way through this step ends the journey, so nothing after it can run. */
    default boolean alwaysExits() {
        return false;
    }

    /** Whether every way through a list of steps ends the journey. */
    static boolean alwaysExits(List<Step> steps) {
        return steps.stream().anyMatch(Step::alwaysExits);
    }

    /**
     * {@code {"type": "send", "channel": "email", "template": "cart_reminder"}}: hand a message to the send policy
     * and the channel. The journey goes on at once; the message itself may wait for quiet hours or a cap.
     *
     * @param offer an offer the message carries, computed for the customer when the step runs; {@code null} for none
     * @param recommendations how many "customers who bought X also bought Y" products to show; 0 for none
     */
    record Send(String id, Channel channel, String template, Priority priority, OfferKind offer,
            int recommendations, Survey survey, String endpoint) implements Step {

        public Send {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(priority, "priority");
            if (recommendations < 0) {
                throw new IllegalArgumentException("recommendations must not be negative, was " + recommendations);
            }
            if (endpoint != null && channel != Channel.WEBHOOK) {
                throw new IllegalArgumentException("only a webhook message goes to a named endpoint");
            }
        }

        /** A message without a survey link, to the channel's own endpoint. */
        public Send(String id, Channel channel, String template, Priority priority, OfferKind offer,
                int recommendations) {
            this(id, channel, template, priority, offer, recommendations, null, null);
        }
    }

    /**
     * What a survey step ({@code {"type": "survey", ...}}, JOURNEYS.md) asks: the message carries the customer's
     * personal, signed link to the form.
     *
     * @param key the survey's key, carried in the link and back in the answer
     * @param formUrl the form, e.g. a Typeform form's URL; the link adds the hidden fields to it
     */
    record Survey(String key, URI formUrl) {

        public Survey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(formUrl, "formUrl");
        }
    }

    /** {@code {"type": "wait", "duration": "P2D"}}: pause, then go on. */
    record Wait(String id, Duration duration) implements Step {

        public Wait {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * {@code {"type": "wait_until", "event": "Order Completed", "timeout": "PT1H", "on_event": [...],
     * "on_timeout": [...]}}: pause until the customer does something or the timeout passes, whichever comes first.
     * An empty list goes straight on after the step.
     *
     * @param where a condition on the awaited event's properties and the contact; {@code null} for none
     */
    record WaitUntil(String id, String event, Condition where, Duration timeout, List<Step> onEvent,
            List<Step> onTimeout) implements Step {

        public WaitUntil {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(timeout, "timeout");
            onEvent = List.copyOf(onEvent);
            onTimeout = List.copyOf(onTimeout);
        }

        @Override
        public List<List<Step>> children() {
            return List.of(onEvent, onTimeout);
        }

        @Override
        public boolean alwaysExits() {
            return Step.alwaysExits(onEvent) && Step.alwaysExits(onTimeout);
        }
    }

    /**
     * {@code {"type": "branch", "condition": {...}, "then": [...], "else": [...]}}: one way or the other, decided on
     * the contact as it is when the step runs and on the event that started the enrollment.
     *
     * @param otherwise the {@code else} steps; empty goes straight on after the branch
     */
    record Branch(String id, Condition condition, List<Step> then, List<Step> otherwise) implements Step {

        public Branch {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(condition, "condition");
            if (then.isEmpty()) {
                throw new IllegalArgumentException("then needs at least one step");
            }
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public List<List<Step>> children() {
            return List.of(then, otherwise);
        }

        @Override
        public boolean alwaysExits() {
            return Step.alwaysExits(then) && Step.alwaysExits(otherwise);
        }
    }

    /**
     * {@code {"type": "split", "variants": [{"key": "a", "weight": 50, "steps": [...]}, ...]}}: an A/B test. Each
     * customer gets one variant, by a stable hash of the journey, the step and the customer, so the same customer
     * always gets the same variant while the weights stay the same.
     */
    record Split(String id, List<Variant> variants) implements Step {

        public Split {
            Objects.requireNonNull(id, "id");
            if (variants.size() < 2) {
                throw new IllegalArgumentException("a split needs at least two variants");
            }
            variants = List.copyOf(variants);
        }

        @Override
        public List<List<Step>> children() {
            return variants.stream().map(Variant::steps).toList();
        }

        @Override
        public boolean alwaysExits() {
            return variants.stream().allMatch(variant -> Step.alwaysExits(variant.steps()));
        }

        public Variant variant(String key) {
            return variants.stream().filter(variant -> variant.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("split " + id + " has no variant " + key));
        }
    }

    /**
     * One arm of a split.
     *
     * @param weight the arm's share relative to the others' weights, positive
     * @param steps may be empty: a variant that gets nothing and goes straight on after the split
     */
    record Variant(String key, BigDecimal weight, List<Step> steps) {

        public Variant {
            Objects.requireNonNull(key, "key");
            if (weight.signum() <= 0) {
                throw new IllegalArgumentException("weight must be positive, was " + weight);
            }
            steps = List.copyOf(steps);
        }
    }

    /** {@code {"type": "exit"}}: leave the journey here. */
    record Exit(String id) implements Step {

        public Exit {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public boolean alwaysExits() {
            return true;
        }
    }

    /**
     * {@code {"type": "sunset", "channel": "email"}}: stop promotional messages to the customer on a channel they no
     * longer read (transactional ones still go), so the journey can move them to another one.
     */
    record Sunset(String id, Channel channel) implements Step {

        public Sunset {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channel, "channel");
        }
    }
}
