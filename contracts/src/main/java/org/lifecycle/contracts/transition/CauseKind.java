package org.lifecycle.contracts.transition;

import com.fasterxml.jackson.annotation.JsonValue;

/** What moved a customer to a new stage; marketers see it in the transition log to explain every move. */
public enum CauseKind {

    /** An event arrived, e.g. an {@code Order Completed}. */
    EVENT("event"),
    /** Time passed, e.g. 90 days without an order. */
    TIME("time"),
    /** Two profiles were merged by identity resolution. */
    MERGE("merge"),
    /** The stage model changed and the profile was re-evaluated. */
    MODEL("model");

    private final String wireName;

    CauseKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
