package org.lifecycle.contracts;

import java.time.Instant;

/**
 * What every value on every topic carries, whatever its record type, so that generic code (dedupe by id, the outbox
 * relay, dead-letter tooling, lag by event time) works on any record without knowing it.
 */
public interface Envelope {

    /** Unique across the suite; consumers dedupe on it, so a redelivered record changes nothing twice. */
    String id();

    /** What happened, as a closed set per topic. */
    Type type();

    /** The record's schema version; a breaking change is a new version, read side first. */
    int version();

    /** When it happened in the customer's world: lifecycle logic runs on this, never on arrival time. */
    Instant occurredAt();

    /** When the suite learned of it or computed it. */
    Instant receivedAt();

    /** The Kafka key: one customer's records share it, so they stay in order on one partition. */
    String identityKey();

    /**
     * Rejects a version no producer writes: Jackson reads a missing {@code version} as 0, and a record that lost its
     * version cannot be interpreted safely.
     */
    static int requireVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
        return version;
    }

    /** A value of a record's {@code type} field. */
    interface Type {

        /** The name written in JSON. */
        String wireName();
    }
}
