package org.lifecycle.segmentation.map.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many customers are in each lifecycle stage and each RFM group, at one moment, with a few of each. */
@Schema(description = "Customers per lifecycle stage and per RFM group")
public record LifecycleMap(
        @Schema(description = "The moment asked for; null for now") Instant at,
        @Schema(description = "The version of the active stage model") int modelVersion,
        @Schema(description = "Customers on the map: every profile now, or every profile with a stage at `at`") long total,
        @Schema(description = "Every stage of the active model, in its order, counts of 0 included; stages of an "
                + "earlier model still held by some profiles follow") List<StageCount> stages,
        @Schema(description = "Every RFM group, in the map's order") List<RfmCount> rfm,
        @Schema(description = "Customers with no counted order, who are on no RFM group") long withoutOrders) {

    @Schema(name = "LifecycleMapStage", description = "A stage's customers")
    public record StageCount(String key, long count, List<Example> examples) {
    }

    @Schema(name = "LifecycleMapRfmGroup", description = "An RFM group's customers")
    public record RfmCount(String group, long count, List<Example> examples) {
    }

    @Schema(name = "LifecycleMapExample", description = "A customer, to look at")
    public record Example(UUID id, String userId, String email) {
    }
}
