package org.lifecycle.segmentation.rule;

import java.util.Arrays;
import java.util.Optional;

/** The operators of a trait condition, by their JSON name. */
public enum TraitOp {
    EQ("eq"), NEQ("neq"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), CONTAINS("contains"), EXISTS(
            "exists"), NOT_EXISTS("not_exists");

    private final String key;

    TraitOp(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether the operator compares against a {@code value}; {@code exists} and {@code not_exists} do not. */
    public boolean takesValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }

    public static Optional<TraitOp> fromKey(String key) {
        return Arrays.stream(values()).filter(op -> op.key.equals(key)).findFirst();
    }
}
