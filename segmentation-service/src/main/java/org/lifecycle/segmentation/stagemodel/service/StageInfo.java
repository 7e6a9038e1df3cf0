package org.lifecycle.segmentation.stagemodel.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stage of a model, as marketers read it.
 *
 * @param description who is in it, in words
 * @param rule the stage's {@code when} rule of a rule-based model; {@code null} for the default model's stages (their
 *        rules are code, tuned by configuration) and for a model's last stage, which takes everyone else
 */
public record StageInfo(String key, String name, String description, JsonNode rule) {
}
