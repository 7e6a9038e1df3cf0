package org.lifecycle.contracts.transition;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.transitions}; one today, an enum so that more stay additive. */
public enum TransitionType implements Envelope.Type {

    STAGE_CHANGED("stage.changed");

    private final String wireName;

    TransitionType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
