package org.lifecycle.contracts.transition;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.transitions}. */
public enum TransitionType implements Envelope.Type {

    /** A customer moved from one lifecycle stage to another. */
    STAGE_CHANGED("stage.changed"),
    /**
     * Two profiles turned out to be one customer: {@code mergedProfileId} was merged into {@code profileId}, whose
     * stage is {@code toStage} from then on.
     */
    PROFILE_MERGED("profile.merged");

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
