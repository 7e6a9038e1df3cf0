package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a customer's transition ledger. */
@Schema(description = "A stage change in the customer's ledger")
public record TransitionEntry(
        UUID id,
        @Schema(description = "The stage left; null for the customer's first stage") String from,
        String to,
        @Schema(description = "When the change happened, in event time") Instant at,
        Cause cause,
        int modelVersion,
        @Schema(description = "Whether an at-risk or lapsed customer came back (a win-back success)") boolean reactivation,
        @Schema(description = "When the service recorded the change") Instant recordedAt) {

    /** Why the stage changed. */
    @Schema(name = "TransitionCause", description = "Why the stage changed")
    public record Cause(
            @Schema(enumeration = {
                    "event", "time", "merge", "model"}) String kind,
            @Schema(description = "The event that triggered the change, for event and merge causes") String eventId,
            @Schema(examples = "at_risk: no order for 90 days") String rule){
    }
}
