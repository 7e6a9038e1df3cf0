package org.lifecycle.campaign.journey;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Journeys and properties in tests are written as marketers and stores write them: JSON text. */
public final class TestJson {

    private TestJson() {
    }

    public static JsonNode json(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }
}
