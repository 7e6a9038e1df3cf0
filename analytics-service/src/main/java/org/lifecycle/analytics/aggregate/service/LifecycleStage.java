package org.lifecycle.analytics.aggregate.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stage the transitions have named, with its place in the drawing order and a label to show. */
@Schema(description = "A lifecycle stage seen in the transitions, in drawing order")
public record LifecycleStage(
        @Schema(examples = "marketing_qualified_lead") String stage,
        @Schema(examples = "Marketing qualified lead") String label,
        @Schema(description = "0 for the first stage to draw") int position,
        @Schema(description = "The first day a customer entered it") java.time.LocalDate firstEntered) {
}
