package org.lifecycle.campaign.journey.condition;

import java.util.Arrays;
import java.util.Optional;

/** How a fact is compared, by its JSON name; the same operators and meanings as segment rules' trait conditions. */
public enum Operator {

    EQ("eq"), NEQ("neq"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), CONTAINS("contains"), EXISTS(
            "exists"), NOT_EXISTS("not_exists");

    private final String key;

    Operator(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether the operator compares with a {@code value}; {@code exists} and {@code not_exists} do not. */
    public boolean takesValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }

    public static Optional<Operator> fromKey(String key) {
        return Arrays.stream(values()).filter(op -> op.key.equals(key)).findFirst();
    }
}
