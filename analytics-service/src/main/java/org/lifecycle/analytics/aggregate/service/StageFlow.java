package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Transitions from one stage to another, on one day or (day null) over the whole range, for a flow diagram. */
public record StageFlow(
        @Schema(description = "the day; null on totals over the range") LocalDate day,
        @Schema(description = "the stage left; null for a customer's first stage") String fromStage,
        String toStage,
        long transitions,
        @Schema(description = "transitions flagged as a reactivation (a lapsed or at-risk customer ordering again)") long reactivations)
        implements
            CsvRow {

    public static final List<String> COLUMNS = List.of("day", "from_stage", "to_stage", "transitions",
            "reactivations");

    @Override
    public List<Object> cells() {
        return Arrays.asList(day, fromStage, toStage, transitions, reactivations);
    }
}
