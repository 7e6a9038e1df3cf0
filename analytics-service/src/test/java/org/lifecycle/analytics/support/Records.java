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
