package org.lifecycle.contracts.dispatch;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.dispatches}: what became of one message to one customer. */
public enum DispatchType implements Envelope.Type {

    /** A journey step put it in the send ledger; the send policy decides next. */
    QUEUED("dispatch.queued"),
    /** Handed to the channel's provider. */
    SENT("dispatch.sent"),
    /** The provider confirmed delivery. */
    DELIVERED("dispatch.delivered"),
    /** The provider reported that it bounced (the address is then suppressed on the channel). */
    BOUNCED("dispatch.bounced"),
    /** The provider refused it or every retry failed. */
    FAILED("dispatch.failed"),
    /** Not sent, for good: consent withdrawn, suppressed address, already sent, customer deleted. */
    SUPPRESSED("dispatch.suppressed"),
    /** Not sent yet: quiet hours or the frequency cap; it goes out later. */
    HELD("dispatch.held");

    private final String wireName;

    DispatchType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
