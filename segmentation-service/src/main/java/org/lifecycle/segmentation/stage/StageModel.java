package org.lifecycle.segmentation.stage;

import java.time.Instant;
import java.util.List;

import org.lifecycle.segmentation.profile.ProfileFacts;

/**
 * Decides a customer's lifecycle stage from their facts at a moment. The default model follows DESIGN.md; a company
 * may replace it with its own ordered rules. Implementations are pure: same facts and moment, same decision.
 */
public interface StageModel {

    /** The version recorded on every transition the model decides; a new definition is a new version. */
    int version();

    /** The stage keys the model can decide, in the order marketers read them (the lifecycle map's columns). */
    List<String> stages();

    /** The stage at {@code now}, why, and the next moment at which time alone could change it. */
    StageDecision decide(ProfileFacts facts, Instant now);
}
