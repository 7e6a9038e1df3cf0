package org.lifecycle.segmentation.stagemodel.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored stage model version.
 *
 * @param definition the model as JSON ({@code {"stages": [...]}}); {@code null} for version 1, the default model
 * @param stages its stages in the order they are tried
 */
public record StageModelVersion(int version, boolean active, JsonNode definition, List<StageInfo> stages,
        Instant createdAt) {
}
