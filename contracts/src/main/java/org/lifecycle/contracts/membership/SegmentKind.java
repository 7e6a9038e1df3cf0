package org.lifecycle.contracts.membership;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a segment comes from, so campaigns and analytics can group segments the way marketers think of them. */
public enum SegmentKind {

    /** One segment per lifecycle stage. */
    STAGE("stage"),
    /** A group of the RFM map (Champions, At risk, ...). */
    RFM("rfm"),
    /** A built-in behaviour segment (engaged, repeat buyers, responsive, ...). */
    BEHAVIOUR("behaviour"),
    /** A segment a marketer defined. */
    CUSTOM("custom"),
    /** A band of a predictive score (probability alive, predicted lifetime value). */
    PREDICTION("prediction");

    private final String wireName;

    SegmentKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
