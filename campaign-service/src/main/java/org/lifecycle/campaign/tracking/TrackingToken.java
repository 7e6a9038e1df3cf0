package org.lifecycle.campaign.tracking;

import java.util.Objects;

import org.lifecycle.contracts.dispatch.Channel;

/**
 * What a tracking link stands for, carried inside the link itself and signed, so the link needs no lookup and cannot
 * be altered: whose message it is, what kind of link, and for a click the one URL it leads to.
 *
 * @param kind open pixel, click or unsubscribe
 * @param messageId the send ledger's id of the message
 * @param customerKey the recipient's identity key, the key of the events the link emits
 * @param channel the channel the message went out on (and an unsubscribe leaves)
 * @param journeyKey the journey that sent the message, {@code null} for none
 * @param stepId the journey's send step, {@code null} for none
 * @param url the destination of a click; {@code null} for the other kinds
 * @param preview whether the link is in a preview: it works, but emits nothing and changes nothing
 */
public record TrackingToken(Kind kind, String messageId, String customerKey, Channel channel, String journeyKey,
        String stepId, String url, boolean preview) {

    public TrackingToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(channel, "channel");
        if ((kind == Kind.CLICK) != (url != null)) {
            throw new IllegalArgumentException("a click token, and only a click token, carries a URL");
        }
    }

    public enum Kind {
        OPEN("o"), CLICK("c"), UNSUBSCRIBE("u");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The letter of the kind in tokens and in the links' paths ({@code /t/o/...}). */
        public String code() {
            return code;
        }

        public static Kind ofCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            return null;
        }
    }
}
