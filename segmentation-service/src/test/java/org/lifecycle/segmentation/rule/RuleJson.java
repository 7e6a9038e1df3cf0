package org.lifecycle.segmentation.rule;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Rules in tests are written as marketers write them: JSON text. */
final class RuleJson {

    private RuleJson() {
    }

    static JsonNode json(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Rule rule(String text) {
        return RuleParser.parse(json(text));
    }
}
