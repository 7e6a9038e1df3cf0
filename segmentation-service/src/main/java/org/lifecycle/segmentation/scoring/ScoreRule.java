package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.util.Objects;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.rule.Rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One way to earn points under a scoring plan: either per event ({@code event}, optionally per unit of one of its
 * numeric properties) with the plan's or the rule's decay, or while a condition holds ({@code when}, in the rule
 * language: a trait, an order count, ...).
 *
 * @param key names the rule in explanations, unique in its plan
 * @param event the event name that gives points; {@code null} for a condition rule
 * @param property for an event rule, give points per unit of this numeric property of the event (e.g.
 *        {@code nps_promoter}) rather than per event; {@code null} for per event
 * @param when for a condition rule, the condition; {@code null} for an event rule
 * @param points what one event (one unit) or the condition gives; negative points take away
 * @param cap the most the rule adds or takes away, in absolute value; {@code null} for no cap
 * @param decay for an event rule, the rule's own decay; {@code null} to use the plan's
 */
public record ScoreRule(String key, String event, String property, Rule when, BigDecimal points, BigDecimal cap,
        Decay decay) {

    public ScoreRule {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(points, "points");
        if ((event == null) == (when == null)) {
            throw new IllegalArgumentException("A score rule has either an event or a condition");
        }
    }

    public boolean perEvent() {
        return event != null;
    }

    /** The decay that applies to this rule's points under a plan whose decay is {@code planDecay}. */
    public Decay decayUnder(Decay planDecay) {
        return decay == null ? planDecay : decay;
    }

    /** In words: {@code 5 points per Email Link Clicked}, {@code 15 points while job_title is "CTO"}. */
    public String describe() {
        String amount = ScoreCard.number(points.doubleValue()) + (points.abs().compareTo(BigDecimal.ONE) == 0
                ? " point"
                : " points");
        String what = event == null
                ? " while " + when.describe()
                : property == null ? " per " + event : " per unit of " + property + " of " + event;
        return amount + what + (cap == null ? "" : ", at most " + ScoreCard.number(cap.doubleValue()));
    }

    /** As JSON, as {@link ScoringPlanParser} reads it. */
    public JsonNode toJson() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("key", key);
        if (event != null) {
            node.put("event", event);
            if (property != null) {
                node.put("property", property);
            }
        } else {
            node.set("when", when.toJson());
        }
        node.put("points", points);
        if (cap != null) {
            node.put("cap", cap);
        }
        if (decay != null) {
            node.set("decay", decay.toJson());
        }
        return node;
    }
}
