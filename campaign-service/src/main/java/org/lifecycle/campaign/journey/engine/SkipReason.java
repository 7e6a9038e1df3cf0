package org.lifecycle.campaign.journey.engine;

/** Why a customer did not enter a journey on a signal. */
public enum SkipReason {

    /** The signal is not the journey's trigger, or its condition does not hold. */
    TRIGGER_NOT_MATCHED,
    /** The customer asked to be erased. */
    CUSTOMER_DELETED,
    /** The signal happened too long ago: replays and historical imports start no journeys. */
    STALE_TRIGGER,
    /** The customer is still in the journey. */
    ALREADY_IN_JOURNEY,
    /** The journey is entered once, and the customer did already. */
    ENTERED_BEFORE,
    /** The journey may be entered again, but not yet. */
    TOO_SOON
}
