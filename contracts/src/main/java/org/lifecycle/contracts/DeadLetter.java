package org.lifecycle.contracts;

/**
 * Kafka header names on a dead-letter record. The value of a dead-letter record is the original record, byte for
 * byte, so it can be replayed onto its topic as it is; why it failed and where it came from travel beside it.
 * SmallRye's built-in {@code dead-letter-queue} strategy writes {@code dead-letter-*} headers of its own: a service
 * adds these as well, so tools that replay or inspect dead letters read one vocabulary across the suite.
 */
public final class DeadLetter {

    /** Why the record could not be applied: the exception class and message, one line. */
    public static final String REASON = "dlq-reason";

    /** The topic the record was read from, so a replay knows where to send it back. */
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";

    /** The partition the record was read from, as a decimal string. */
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";

    /** The offset the record was read at, as a decimal string. */
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private DeadLetter() {
    }
}
