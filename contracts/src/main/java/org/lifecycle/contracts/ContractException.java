package org.lifecycle.contracts;

/**
 * A record or schema that does not honour the suite's contracts. Unchecked, so that a Kafka consumer lets it
 * propagate, nacks the message and the channel's dead-letter strategy takes over.
 */
public class ContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
