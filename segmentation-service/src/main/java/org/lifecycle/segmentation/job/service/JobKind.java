package org.lifecycle.segmentation.job.service;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why every profile is decided again. */
public enum JobKind {

    /** A segment was created or changed: who is in it now. */
    SEGMENT_BACKFILL("segment_backfill"),
    /** A segment was deleted: its members leave it. */
    SEGMENT_REMOVAL("segment_removal"),
    /** Another stage model version was activated. */
    STAGE_MODEL("stage_model"),
    /** The RFM thresholds derived from the store's orders changed. */
    RFM_THRESHOLDS("rfm_thresholds"),
    /** A scoring plan was created, changed or deleted: every score is decided again. */
    SCORING_BACKFILL("scoring_backfill");

    private final String wireName;

    JobKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static JobKind of(String wireName) {
        for (JobKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown job kind " + wireName);
    }
}
