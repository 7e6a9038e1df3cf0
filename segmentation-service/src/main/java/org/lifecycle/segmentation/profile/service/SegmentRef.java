package org.lifecycle.segmentation.profile.service;

import org.lifecycle.contracts.membership.SegmentKind;

/**
 * A segment as {@code lifecycle.memberships} names it.
 *
 * @param id the segment's id: its key for built-in segments, its UUID for marketer-defined ones
 * @param key the stable key journeys refer to, e.g. {@code stage.active}, {@code rfm.champions}
 */
public record SegmentRef(String id, String key, SegmentKind kind) {

    public static final String STAGE_PREFIX = "stage.";
    public static final String RFM_PREFIX = "rfm.";
    public static final String BEHAVIOUR_PREFIX = "behaviour.";

    public static SegmentRef stage(String stage) {
        return builtIn(STAGE_PREFIX + stage, SegmentKind.STAGE);
    }

    public static SegmentRef rfm(String group) {
        return builtIn(RFM_PREFIX + group, SegmentKind.RFM);
    }

    public static SegmentRef behaviour(String key) {
        return builtIn(BEHAVIOUR_PREFIX + key, SegmentKind.BEHAVIOUR);
    }

    /** The kind a key denotes by its prefix; keys without one are marketer-defined. */
    public static SegmentKind kindOf(String key) {
        if (key.startsWith(STAGE_PREFIX)) {
            return SegmentKind.STAGE;
        }
        if (key.startsWith(RFM_PREFIX)) {
            return SegmentKind.RFM;
        }
        if (key.startsWith(BEHAVIOUR_PREFIX)) {
            return SegmentKind.BEHAVIOUR;
        }
        return SegmentKind.CUSTOM;
    }

    private static SegmentRef builtIn(String key, SegmentKind kind) {
        return new SegmentRef(key, key, kind);
    }
}
