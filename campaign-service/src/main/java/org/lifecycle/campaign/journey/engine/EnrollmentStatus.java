package org.lifecycle.campaign.journey.engine;

/** Where an enrollment is between two inputs. */
public enum EnrollmentStatus {

    /** Entered, its first steps not run yet: the engine runs them on {@code TriggerReceived}. */
    NEW,
    /** Paused at a {@code wait} or {@code wait_until} step until its timer, or the awaited event. */
    WAITING,
    /**
     * Its steps are done (or it is held out), and its goal window is still open: a goal event now still counts as a
     * conversion, and the window's end closes it.
     */
    AWAITING_GOAL,
    /** Left the journey, for the recorded reason; no input changes it any more. */
    EXITED
}
