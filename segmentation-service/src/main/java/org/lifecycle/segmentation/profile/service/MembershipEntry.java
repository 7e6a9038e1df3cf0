package org.lifecycle.segmentation.profile.service;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer entering or leaving a segment. */
@Schema(description = "A segment entry or exit")
public record MembershipEntry(
        @Schema(examples = "rfm.champions") String segment,
        boolean entered,
        @Schema(description = "When, in event time") Instant at,
        @Schema(description = "Why, in words") String reason) {
}
