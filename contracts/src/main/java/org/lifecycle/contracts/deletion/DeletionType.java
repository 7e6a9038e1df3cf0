package org.lifecycle.contracts.deletion;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.deletions}. */
public enum DeletionType implements Envelope.Type {

    /** Someone asked for the customer's data to be erased (GDPR/CCPA). */
    DELETION_REQUESTED("deletion.requested"),
    /**
     * Segmentation has erased the profile; other services erase their copies on it and never message the customer
     * again.
     */
    PROFILE_DELETED("profile.deleted");

    private final String wireName;

    DeletionType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
