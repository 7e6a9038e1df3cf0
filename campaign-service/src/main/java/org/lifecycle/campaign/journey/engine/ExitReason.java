package org.lifecycle.campaign.journey.engine;

/** Why an enrollment left its journey. */
public enum ExitReason {

    /** Every step ran, and the journey has no goal. */
    COMPLETED,
    /** The goal event happened within the goal window. */
    CONVERTED,
    /** The goal window ended without the goal event. */
    GOAL_WINDOW_ENDED,
    /** An {@code exit} step. */
    EXIT_STEP,
    /** Held out of a journey without a goal: there is nothing to track. */
    HELD_OUT,
    /** The customer asked to be erased. */
    CUSTOMER_DELETED,
    /** The journey was archived. */
    JOURNEY_ARCHIVED
}
