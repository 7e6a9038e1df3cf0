package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Writes thresholds back as the JSON numbers they were read from: {@code 2} an integer node as Jackson reads it, and
 * {@code 0.50} a decimal that keeps its scale, so a rule written out and read back is equal to the original.
 */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static JsonNode node(BigDecimal value) {
        JsonNodeFactory nodes = LifecycleJson.mapper().getNodeFactory();
        if (value.scale() != 0) {
            return nodes.numberNode(value);
        }
        BigInteger whole = value.toBigIntegerExact();
        if (whole.bitLength() < Integer.SIZE) {
            return nodes.numberNode(whole.intValue());
        }
        return whole.bitLength() < Long.SIZE ? nodes.numberNode(whole.longValue()) : nodes.numberNode(whole);
    }
}
