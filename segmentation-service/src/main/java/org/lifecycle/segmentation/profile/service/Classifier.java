package org.lifecycle.segmentation.profile.service;

import java.time.Instant;

import org.lifecycle.segmentation.profile.ProfileState;

/** Decides stage, RFM group and segments from a profile's facts at a moment, under the definitions in force. */
public interface Classifier {

    /** The version of the active stage model. */
    int modelVersion();

    /** The decision at {@code at}; the state's stage and RFM group are set on the way, as segments may read them. */
    Classification classify(ProfileState state, Instant at);

    /** How to name a segment key on {@code lifecycle.memberships}, including segments no longer defined. */
    SegmentRef segment(String key);
}
