package org.lifecycle.segmentation.rule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule, segment definition or stage model that cannot be accepted, with everything that is wrong with it at once,
 * so a marketer fixes their JSON in one round trip. The REST layer turns it into problem JSON, one entry per
 * violation.
 */
public class RuleException extends RuntimeException {

    private final List<RuleViolation> violations;

    public RuleException(List<RuleViolation> violations) {
        super(violations.stream().map(RuleViolation::toString).collect(Collectors.joining("; ", "Invalid rule: ", "")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("A RuleException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<RuleViolation> violations() {
        return violations;
    }
}
