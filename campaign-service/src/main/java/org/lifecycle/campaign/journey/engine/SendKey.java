package org.lifecycle.campaign.journey.engine;

import java.util.Objects;

/**
 * The send ledger's unique key of one message: one journey version's step, to one customer, in one enrollment. A
 * replayed input produces the same key, and the ledger refuses it a second time, so no message goes out twice.
 */
public record SendKey(String journeyKey, int journeyVersion, String stepId, String customerKey, String enrollmentId) {

    public SendKey {
        Objects.requireNonNull(journeyKey, "journeyKey");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(enrollmentId, "enrollmentId");
    }
}
