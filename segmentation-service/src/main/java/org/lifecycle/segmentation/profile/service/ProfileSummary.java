package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of a profile listing: who the customer is and where they stand. */
@Schema(description = "A customer's profile in brief")
public record ProfileSummary(
        UUID id,
        @Schema(description = "The user id the customer was last identified with; null for an anonymous visitor") String userId,
        String email,
        @Schema(examples = "active") String stage,
        @Schema(description = "When the customer entered the stage (event time)") Instant stageSince,
        String previousStage,
        @Schema(description = "The RFM group; null for a customer with no order", examples = "champions") String rfmGroup,
        @Schema(description = "The keys of every segment the customer is in", examples = "[\"stage.active\", \"rfm.loyalists\", \"behaviour.engaged\"]") List<String> segments,
        @Schema(description = "The event time of the latest event applied") Instant lastEventAt) {
}
