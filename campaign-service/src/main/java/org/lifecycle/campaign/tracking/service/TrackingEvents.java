package org.lifecycle.campaign.tracking.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.lifecycle.campaign.tracking.TrackingToken;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.email.EmailActivity;
import org.lifecycle.contracts.event.email.EmailEvents;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code lifecycle.events} records a tracking hit emits: Segment track calls of the email spec, keyed by the
 * customer, with the message, journey and step in their properties so analytics credits the step that sent it.
 *
 * <p>
 * The event's id is derived from what was hit and when it counted: {@code <kind>:<message id>:<detail hash>:<epoch
 * ms>}, under the source {@value #SOURCE_ID}. The hit is written once, with this id, in the outbox; a relay that
 * publishes it twice (it stopped between Kafka's acknowledgement and the delete) publishes the same id, which every
 * consumer drops as a duplicate. Repeated hits within the dedupe window are not written at all.
 */
public final class TrackingEvents {

    /** The source id of the events campaign-service emits itself. */
    public static final String SOURCE_ID = "campaign-service";

    private TrackingEvents() {
    }

    /** What a kind of hit counts as, and the event it emits. */
    public enum Hit {
        OPENED(EmailEvents.EMAIL_OPENED), CLICKED(EmailEvents.EMAIL_LINK_CLICKED), UNSUBSCRIBED(
                EmailEvents.UNSUBSCRIBED);

        private final String event;

        Hit(String event) {
            this.event = event;
        }

        public String event() {
            return event;
        }

        /** The kind as stored in {@code tracking_hit}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What makes two hits of a kind the same: the link for a click, the channel for an unsubscribe, nothing for an
     * open. Hashed, so a long URL makes a short key.
     */
    public static String detail(Hit hit, TrackingToken token) {
        return switch (hit) {
            case OPENED -> "";
            case CLICKED -> sha256(token.url());
            case UNSUBSCRIBED -> token.channel().wireName();
        };
    }

    public static CustomerEvent event(Hit hit, TrackingToken token, Instant at, String userAgent) {
        String messageId = hit.key() + ":" + token.messageId() + ":" + detail(hit, token) + ":" + at.toEpochMilli();
        EmailActivity activity = new EmailActivity(token.messageId(), null, token.journeyKey(), null,
                hit == Hit.CLICKED ? token.url() : null, null, token.journeyKey(), token.stepId(),
                token.channel().wireName());
        ObjectNode context = LifecycleJson.mapper().createObjectNode();
        context.putObject("library").put("name", SOURCE_ID);
        if (userAgent != null && !userAgent.isBlank()) {
            context.put("userAgent", userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent);
        }
        return CustomerEvent.builder(MessageType.TRACK, SOURCE_ID, messageId)
                .occurredAt(at)
                .receivedAt(at)
                .userId(token.customerKey())
                .event(hit.event())
                .properties(activity.toProperties())
                .context(context)
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
