package org.lifecycle.segmentation.scoring.service;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.segmentation.job.service.Job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored scoring plan version.
 *
 * @param deleted whether this version deleted the plan (it then has no definition)
 * @param definition the plan as JSON, as submitted and normalised
 * @param rules each rule in words
 * @param job the job that re-scores every profile, on the response to a change; {@code null} otherwise
 */
@Schema(name = "ScoringPlan", description = "A scoring plan version")
public record ScoringPlanView(
        String key,
        String name,
        String description,
        int version,
        boolean deleted,
        JsonNode definition,
        @Schema(examples = "[\"5 points per Email Link Clicked, at most 25\"]") List<String> rules,
        @Schema(examples = "points halve every 30 days and expire after 90 days") String decay,
        Instant createdAt,
        Job job) {
}
