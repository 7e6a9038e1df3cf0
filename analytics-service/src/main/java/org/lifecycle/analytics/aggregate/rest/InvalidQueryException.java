package org.lifecycle.analytics.aggregate.rest;

/** A query parameter the figures cannot be computed with; answered as a 400 problem naming the parameter. */
public class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
