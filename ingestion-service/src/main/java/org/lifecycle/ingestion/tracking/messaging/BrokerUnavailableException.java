package org.lifecycle.ingestion.tracking.messaging;

/** Kafka did not acknowledge every record in time; the caller must not report success. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
