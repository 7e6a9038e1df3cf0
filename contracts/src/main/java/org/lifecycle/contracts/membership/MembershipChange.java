package org.lifecycle.contracts.membership;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;

/**
 * A value of {@code lifecycle.memberships}: a customer entered or left a segment. Campaigns enroll and exit journeys
 * on it; analytics counts segment sizes from it.
 *
 * @param occurredAt the event time at which the customer's membership changed
 * @param receivedAt when segmentation computed the change
 * @param segmentId segmentation's id of the segment
 * @param segmentKey the segment's stable, human-readable key (e.g. {@code rfm.champions}) that journeys refer to
 * @param entered true on {@code segment.entered}, false on {@code segment.exited}; redundant with the type, kept so
 *        that a consumer can filter on a boolean
 * @param reason why, in words a marketer understands (e.g. {@code 3 orders in the last 365 days})
 */
public record MembershipChange(
        String id,
        MembershipChangeType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        String profileId,
        String identityKey,
        String segmentId,
        String segmentKey,
        SegmentKind segmentKind,
        boolean entered,
        String reason) implements Envelope {

    public static final int VERSION = 1;

    public MembershipChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(segmentKey, "segmentKey");
        Objects.requireNonNull(segmentKind, "segmentKind");
        Objects.requireNonNull(reason, "reason");
        if (entered != (type == MembershipChangeType.SEGMENT_ENTERED)) {
            throw new IllegalArgumentException("entered=" + entered + " contradicts type " + type.wireName());
        }
    }
}
