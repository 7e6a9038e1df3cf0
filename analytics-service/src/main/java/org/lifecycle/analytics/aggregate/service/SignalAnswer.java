package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.util.Locale;

import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.PropertyValues;
import org.lifecycle.contracts.event.signal.NpsCategory;
import org.lifecycle.contracts.event.signal.SignalEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scores of one answer a customer gave: a {@code Survey Responded} (Typeform or any source) with a Net Promoter
 * Score or a satisfaction score, or a help desk's {@code Satisfaction Rated}.
 *
 * @param npsCategory {@code promoter}, {@code passive} or {@code detractor}: the group of {@code npsScore}, else the
 *        sender's own {@code nps_category}; null without an NPS answer
 * @param csatScore the satisfaction score on the question's own scale; null without one
 * @param satisfied the sender's verdict ({@code satisfied}, or a help desk's {@code good} / {@code bad}); null when it
 *        gave none, and then the score decides at query time
 */
public record SignalAnswer(String event, String source, String surveyId, Integer npsScore, String npsCategory,
        BigDecimal csatScore, Boolean satisfied) {

    /** The answer's scores, or null when the event is not a signal or carries neither an NPS nor a CSAT answer. */
    public static SignalAnswer from(CustomerEvent event) {
        String name = event.event();
        if (!SignalEvents.SURVEY_RESPONDED.equals(name) && !SignalEvents.SATISFACTION_RATED.equals(name)) {
            return null;
        }
        ObjectNode properties = event.properties();
        Integer npsScore = PropertyValues.integer(properties, SignalEvents.NPS_SCORE);
        String category = null;
        if (npsScore != null && npsScore >= 0 && npsScore <= 10) {
            category = NpsCategory.of(npsScore).wire();
        } else {
            npsScore = null;
            String given = PropertyValues.text(properties, SignalEvents.NPS_CATEGORY);
            if (given != null) {
                String wire = given.strip().toLowerCase(Locale.ROOT);
                for (NpsCategory c : NpsCategory.values()) {
                    if (c.wire().equals(wire)) {
                        category = wire;
                    }
                }
            }
        }
        BigDecimal csat = PropertyValues.decimal(properties, SignalEvents.CSAT_SCORE);
        Boolean satisfied = bool(properties == null ? null : properties.get(SignalEvents.SATISFIED));
        if (satisfied == null) {
            String rating = PropertyValues.text(properties, SignalEvents.SATISFACTION_SCORE);
            if (rating != null) {
                String word = rating.strip().toLowerCase(Locale.ROOT);
                satisfied = word.equals("good") ? Boolean.TRUE : word.equals("bad") ? Boolean.FALSE : null;
            }
        }
        if (csat == null && satisfied == null && SignalEvents.SATISFACTION_RATED.equals(name)) {
            csat = PropertyValues.decimal(properties, SignalEvents.SATISFACTION_SCORE);
        }
        if (category == null && csat == null && satisfied == null) {
            return null;
        }
        return new SignalAnswer(name, PropertyValues.text(properties, SignalEvents.SIGNAL_SOURCE),
                PropertyValues.text(properties, SignalEvents.SURVEY_ID), npsScore, category, csat, satisfied);
    }

    private static Boolean bool(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().strip().toLowerCase(Locale.ROOT);
            return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }
}
