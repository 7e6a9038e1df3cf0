package org.lifecycle.analytics.prediction.rest;

/** Nothing to answer yet for the named parameter (no fit, no such job, no such customer); a 404 problem. */
public class PredictionNotFoundException extends RuntimeException {

    private final String field;

    public PredictionNotFoundException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
