package org.lifecycle.contracts.membership;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.memberships}. */
public enum MembershipChangeType implements Envelope.Type {

    SEGMENT_ENTERED("segment.entered"), SEGMENT_EXITED("segment.exited");

    private final String wireName;

    MembershipChangeType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
