package org.lifecycle.contracts;

import java.time.Instant;

import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.prediction.PredictionType;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Realistic records of every topic, as the services would publish them. */
final class SampleRecords {

    static final Instant OCCURRED_AT = Instant.parse("2024-03-01T10:15:30.120Z");
    static final Instant RECEIVED_AT = Instant.parse("2024-03-01T10:15:31.004Z");

    private SampleRecords() {
    }

    static CustomerEvent orderCompleted() {
        return CustomerEvent.builder(MessageType.TRACK, "src_shopify", "ajs-next-1709288130120-4f1c")
                .occurredAt(OCCURRED_AT)
                .receivedAt(RECEIVED_AT)
                .sentAt(Instant.parse("2024-03-01T10:15:30.500Z"))
                .originalTimestamp(Instant.parse("2024-03-01T10:15:29.620Z"))
                .userId("cust-1042")
                .anonymousId("507f191e810c19729de860ea")
                .event(CommerceEvents.ORDER_COMPLETED)
                .properties(
                        object("""
                                {
                                  "checkout_id": "fksdjfsdjfisjf9sdfjsd9f",
                                  "order_id": "50314b8e9bcf000000000000",
                                  "affiliation": "Google Store",
                                  "total": 27.50,
                                  "subtotal": 22.50,
                                  "revenue": 25.00,
                                  "shipping": 3,
                                  "tax": 2,
                                  "discount": 2.5,
                                  "coupon": "hasbros",
                                  "currency": "USD",
                                  "products": [
                                    {"product_id": "507f1f77bcf86cd799439011", "sku": "45790-32", "name": "Monopoly: 3rd Edition",
                                     "price": 19, "quantity": 1, "category": "Games", "url": "https://www.example.com/product/path",
                                     "image_url": "https://www.example.com/product/path.jpg"},
                                    {"product_id": "505bd76785ebb509fc183733", "sku": "46493-32", "name": "Uno Card Game",
                                     "price": 3, "quantity": 2, "category": "Games"}
                                  ]
                                }
                                """))
                .context(object("""
                        {
                          "ip": "203.0.113.7",
                          "locale": "en-US",
                          "timezone": "America/New_York",
                          "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)",
                          "library": {"name": "analytics.js", "version": "2.11.1"},
                          "page": {"path": "/checkout/thanks", "url": "https://shop.example.com/checkout/thanks"},
                          "campaign": {"name": "spring_sale", "source": "newsletter", "medium": "email"}
                        }
                        """))
                .integrations(object("{\"All\": true, \"Mixpanel\": false}"))
                .build();
    }

    static CustomerEvent identify() {
        return CustomerEvent.builder(MessageType.IDENTIFY, "src_web", "msg-identify-1")
                .occurredAt(OCCURRED_AT)
                .receivedAt(RECEIVED_AT)
                .userId("cust-1042")
                .traits(object("{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"plan\": \"premium\"}"))
                .build();
    }

    static StageTransition transition() {
        return new StageTransition("2f1e8c4a-6a53-4d8e-9d3b-0c1f0a7e5b21", TransitionType.STAGE_CHANGED,
                StageTransition.VERSION, OCCURRED_AT, RECEIVED_AT, "prof-7d1c", "cust-1042", "at_risk", "active",
                OCCURRED_AT, StageTransition.Cause.event(orderCompleted().id(), "active: 2 orders in 365 days"), 3,
                true, null);
    }

    static MembershipChange membership() {
        return new MembershipChange("b6a7a0f2-1c55-4f4e-a1bb-3a9c8f1d7e44", MembershipChangeType.SEGMENT_ENTERED,
                MembershipChange.VERSION, OCCURRED_AT, RECEIVED_AT, "prof-7d1c", "cust-1042", "seg-12",
                "rfm.champions", SegmentKind.RFM, true, "ordered 2 days ago, 6 orders in 365 days, AOV 2.1x store");
    }

    static Dispatch dispatch() {
        return new Dispatch("9c3d2b1a-0f4e-4c6b-8a7d-5e2f1b0c9d88", DispatchType.SENT, Dispatch.VERSION, OCCURRED_AT,
                RECEIVED_AT, "prof-7d1c", "cust-1042", "journey-post-purchase", 4, "step-thank-you", "enr-551",
                Channel.EMAIL, "tpl-thank-you", "B", "250 2.0.0 OK", null,
                "<20240301101530.4f1c@mail.shop.example.com>");
    }

    static DeletionRequest deletion() {
        return new DeletionRequest("e0d1c2b3-a4f5-4e6d-8c7b-9a0f1e2d3c4b", DeletionType.DELETION_REQUESTED,
                DeletionRequest.VERSION, OCCURRED_AT, RECEIVED_AT, "cust-1042", "507f191e810c19729de860ea", null,
                "admin", null);
    }

    static CustomerPrediction prediction() {
        return new CustomerPrediction("5b2e8f4a-1c3d-4e5f-9a0b-7c6d5e4f3a21", PredictionType.PREDICTION_UPDATED,
                CustomerPrediction.VERSION, OCCURRED_AT, RECEIVED_AT, "cust-1042", "bg-nbd+gamma-gamma", 17,
                0.8731, 1.9415, 365, 48.27, 91.30, 12, 0.10, Instant.parse("2024-03-01T10:14:02.511Z"));
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) LifecycleJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
