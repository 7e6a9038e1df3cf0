package org.lifecycle.campaign.journey.policy;

import java.time.Instant;
import java.util.Objects;

/** What the send policy says about one message now. */
public sealed interface SendDecision {

    /** Send it now. */
    record SendNow() implements SendDecision {
    }

    /**
     * Not now: offer it again at {@code until}, the next moment it may go (held, never dropped).
     *
     * @param reason what held it first
     * @param detail the same in words, for the dispatch record, e.g. {@code quiet hours until 2026-03-29 08:00
     *        Europe/London}
     */
    record Defer(Instant until, DeferReason reason, String detail) implements SendDecision {

        public Defer {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Never: the message is dropped, and why. */
    record Suppress(SuppressReason reason, String detail) implements SendDecision {

        public Suppress {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum DeferReason {
        QUIET_HOURS, DAILY_CAP, WEEKLY_CAP
    }

    enum SuppressReason {
        /** The customer asked to be erased. */
        CUSTOMER_DELETED,
        /** The address is on the suppression list (hard bounce, spam complaint). */
        SUPPRESSED,
        /** The customer withdrew consent on the channel. */
        CONSENT_WITHDRAWN,
        /** The customer never gave consent on a channel that needs it. */
        NO_CONSENT,
        /** No email address for email, no phone number for SMS. */
        NO_ADDRESS,
        /** A sunset step retired the channel for promotional messages. */
        SUNSET
    }
}
