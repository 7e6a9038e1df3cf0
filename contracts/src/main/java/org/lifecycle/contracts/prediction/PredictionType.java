package org.lifecycle.contracts.prediction;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of record on {@code lifecycle.predictions}. */
public enum PredictionType implements Envelope.Type {

    /** A model fit gave the customer new figures (or the first ones); the record carries all of them. */
    PREDICTION_UPDATED("prediction.updated");

    private final String wireName;

    PredictionType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }
}
