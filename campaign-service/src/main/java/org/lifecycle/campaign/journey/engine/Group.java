package org.lifecycle.campaign.journey.engine;

/** Which group an entering customer is assigned to. Only the treatment group gets the journey's messages. */
public enum Group {

    /** Runs the journey's steps. */
    TREATMENT,
    /** The journey's own control share: gets nothing, but its conversions are tracked. */
    HOLDOUT,
    /** The global control group: gets no journey at all, and is tracked in every one. */
    GLOBAL_CONTROL
}
