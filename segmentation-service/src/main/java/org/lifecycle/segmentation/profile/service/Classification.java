package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.Map;

import org.lifecycle.segmentation.stage.StageDecision;

/**
 * Everything decided of one customer at one moment.
 *
 * @param stage the stage decision
 * @param rfmGroup the RFM group key, {@code null} for a customer with no order
 * @param rfmRule why, in words
 * @param segments every segment the customer is in (stage, RFM, behaviour and custom ones), by key, with the reason
 * @param nextChange the next moment time alone could change any of it; {@code null} when only an event can
 */
public record Classification(StageDecision stage, String rfmGroup, String rfmRule, Map<String, Segment> segments,
        Instant nextChange) {

    /** A segment the customer is in: which one, and the reason in words. */
    public record Segment(SegmentRef ref, String reason) {
    }
}
