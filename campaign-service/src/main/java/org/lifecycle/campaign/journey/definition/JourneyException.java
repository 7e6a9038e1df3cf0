package org.lifecycle.campaign.journey.definition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A journey that cannot be accepted, with everything wrong with it at once, so a marketer fixes their JSON in one
 * round trip. The REST layer turns it into problem JSON, one entry per violation.
 */
public class JourneyException extends RuntimeException {

    private final List<JourneyViolation> violations;

    public JourneyException(List<JourneyViolation> violations) {
        super(violations.stream().map(JourneyViolation::toString)
                .collect(Collectors.joining("; ", "Invalid journey: ", "")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("A JourneyException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<JourneyViolation> violations() {
        return violations;
    }
}
