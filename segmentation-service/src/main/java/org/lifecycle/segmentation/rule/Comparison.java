package org.lifecycle.segmentation.rule;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A numeric threshold: {@code {"gte": 2}}. Thresholds stay {@link BigDecimal} because revenue thresholds are money and
 * must compare exactly as the marketer typed them.
 *
 * @param op how the observed value is compared
 * @param value the threshold
 */
public record Comparison(Op op, BigDecimal value) {

    public Comparison {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    public static Comparison of(Op op, long value) {
        return new Comparison(op, BigDecimal.valueOf(value));
    }

    public boolean test(BigDecimal actual) {
        int sign = actual.compareTo(value);
        return switch (op) {
            case GTE -> sign >= 0;
            case GT -> sign > 0;
            case LTE -> sign <= 0;
            case LT -> sign < 0;
            case EQ -> sign == 0;
        };
    }

    public boolean test(long actual) {
        return test(BigDecimal.valueOf(actual));
    }

    /** An attribute another service computed may be NaN or infinite; such a value meets no threshold. */
    public boolean test(double actual) {
        return Double.isFinite(actual) && test(BigDecimal.valueOf(actual));
    }

    /** In words, e.g. {@code at least 2}. */
    public String words() {
        return op.words + " " + value.toPlainString();
    }

    /** Adds {@code "gte": 2} to {@code node}. */
    void writeTo(ObjectNode node) {
        node.set(op.key, JsonNumbers.node(value));
    }

    /** The comparison operators of counts, sums and numeric attributes, by their JSON key. */
    public enum Op {
        GTE("gte", "at least"), GT("gt", "more than"), LTE("lte", "at most"), LT("lt", "less than"), EQ("eq",
                "exactly");

        private final String key;
        private final String words;

        Op(String key, String words) {
            this.key = key;
            this.words = words;
        }

        public String key() {
            return key;
        }

        public static Optional<Op> fromKey(String key) {
            return Arrays.stream(values()).filter(op -> op.key.equals(key)).findFirst();
        }
    }
}
