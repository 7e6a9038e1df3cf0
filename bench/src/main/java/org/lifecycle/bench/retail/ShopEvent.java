package org.lifecycle.bench.retail;

/**
 * One Segment message ready to send: its serialized JSON, what it is and whose it is ({@code userId}, which the
 * sender uses to keep one customer's messages in order).
 */
public record ShopEvent(Kind kind, String userId, String messageId, byte[] json) {

    public enum Kind {
        IDENTIFY, ORDER, REFUND
    }
}
