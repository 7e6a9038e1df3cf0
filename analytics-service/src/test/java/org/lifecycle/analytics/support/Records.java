package org.lifecycle.analytics.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.signal.NpsCategory;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.StageTransition.Cause;
import org.lifecycle.contracts.transition.TransitionType;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Contract records as the suite's producers write them, for tests to put on the topics. */
public final class Records {

    public static final String SOURCE = "src_test";

    private Records() {
    }

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static CustomerEvent page(String customer, Instant at) {
        return CustomerEvent.builder(MessageType.PAGE, SOURCE, unique("page")).userId(customer).name("Home")
                .occurredAt(at).receivedAt(at).build();
    }

    public static CustomerEvent screen(String customer, Instant at) {
        return CustomerEvent.builder(MessageType.SCREEN, SOURCE, unique("screen")).anonymousId(customer)
                .name("Home").occurredAt(at).receivedAt(at).build();
    }

    /** A page view with a context (campaign, referrer, userAgent, device, os) given as JSON, on a path. */
    public static CustomerEvent page(String customer, Instant at, String path, String contextJson) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("path", path);
        properties.put("url", "https://shop.example" + path);
        return CustomerEvent.builder(MessageType.PAGE, SOURCE, unique("page")).userId(customer).name(path)
                .properties(properties).context(json(contextJson)).occurredAt(at).receivedAt(at).build();
    }

    /**
     * A {@code Survey Responded} as the Typeform mapping writes it: the NPS score and its category, the CSAT score
     * and the answers by question reference (JSON object); any score may be null.
     */
    public static CustomerEvent survey(String customer, Integer nps, Integer csat, String answersJson, Instant at) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put(SignalEvents.SURVEY_ID, "form-1");
        properties.put(SignalEvents.RESPONSE_ID, unique("resp"));
        properties.set(SignalEvents.ANSWERS, json(answersJson == null ? "{}" : answersJson));
        if (nps != null) {
            properties.put(SignalEvents.NPS_SCORE, nps);
            properties.put(SignalEvents.NPS_CATEGORY, NpsCategory.of(nps).wire());
        }
        if (csat != null) {
            properties.put(SignalEvents.CSAT_SCORE, csat);
        }
        properties.put(SignalEvents.SIGNAL_SOURCE, "typeform");
        return track(customer, SignalEvents.SURVEY_RESPONDED, properties, at, unique("typeform"));
    }

    /** A {@code Satisfaction Rated} as the Zendesk mapping writes it: {@code good} / {@code bad} or a number. */
    public static CustomerEvent rating(String customer, String score, Instant at) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put(SignalEvents.TICKET_ID, unique("t"));
        if (score.equals("good") || score.equals("bad")) {
            properties.put(SignalEvents.SATISFACTION_SCORE, score);
            properties.put(SignalEvents.SATISFIED, score.equals("good"));
        } else {
            properties.put(SignalEvents.SATISFACTION_SCORE, new BigDecimal(score));
            properties.put(SignalEvents.CSAT_SCORE, new BigDecimal(score));
        }
        properties.put(SignalEvents.SIGNAL_SOURCE, "zendesk");
        return track(customer, SignalEvents.SATISFACTION_RATED, properties, at, unique("zendesk"));
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) LifecycleJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static CustomerEvent order(String customer, String orderId, String revenue, Instant at) {
        return order(customer, orderId, revenue, null, at, unique("order"));
    }

    public static CustomerEvent order(String customer, String orderId, String revenue, String cost, Instant at,
            String messageId) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("order_id", orderId);
        properties.put("revenue", new BigDecimal(revenue));
        properties.put("currency", "EUR");
        if (cost != null) {
            properties.put("cost", new BigDecimal(cost));
        }
        return track(customer, CommerceEvents.ORDER_COMPLETED, properties, at, messageId);
    }

    public static CustomerEvent refund(String customer, String orderId, String amount, Instant at) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("order_id", orderId);
        properties.put("revenue", new BigDecimal(amount));
        return track(customer, CommerceEvents.ORDER_REFUNDED, properties, at, unique("refund"));
    }

    public static CustomerEvent email(String customer, String event, String journeyId, String stepId, Instant at) {
        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        properties.put("journey_id", journeyId);
        properties.put("step_id", stepId);
        properties.put("channel", "email");
        return track(customer, event, properties, at, unique("email"));
    }

    public static CustomerEvent track(String customer, String event, ObjectNode properties, Instant at,
            String messageId) {
        return CustomerEvent.builder(MessageType.TRACK, SOURCE, messageId).userId(customer).event(event)
                .properties(properties).occurredAt(at).receivedAt(at).build();
    }

    public static StageTransition transition(String profile, String from, String to, Instant at,
            boolean reactivation) {
        return new StageTransition(unique("tr"), at, at, profile, profile, from, to, at,
                Cause.event(unique("ev"), to), 1, reactivation);
    }

    public static StageTransition merge(String survivor, String merged, String stage, Instant at) {
        return new StageTransition(unique("tr"), TransitionType.PROFILE_MERGED, StageTransition.VERSION, at, at,
                survivor, survivor, stage, stage, at, Cause.merge(unique("ev"), "same email"), 1, false, merged);
    }

    public static MembershipChange entered(String customer, String segment, Instant at) {
        return new MembershipChange(unique("mb"), MembershipChangeType.SEGMENT_ENTERED, MembershipChange.VERSION, at,
                at, customer, customer, segment, segment, SegmentKind.CUSTOM, true, "test");
    }

    public static MembershipChange exited(String customer, String segment, Instant at) {
        return new MembershipChange(unique("mb"), MembershipChangeType.SEGMENT_EXITED, MembershipChange.VERSION, at,
                at, customer, customer, segment, segment, SegmentKind.CUSTOM, false, "test");
    }

    public static Dispatch dispatch(DispatchType type, String customer, String journeyId, String stepId,
            String variant, Instant at, String reason) {
        return new Dispatch(unique("dp"), type, Dispatch.VERSION, at, at, customer, customer, journeyId, 1, stepId,
                "enr-" + journeyId + "-" + customer, Channel.EMAIL, "tpl", variant, "250 OK", reason, null);
    }
}
