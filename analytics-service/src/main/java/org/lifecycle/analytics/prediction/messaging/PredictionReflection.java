package org.lifecycle.analytics.prediction.messaging;

import org.lifecycle.analytics.clv.BgNbdModel;
import org.lifecycle.analytics.clv.GammaGammaModel;
import org.lifecycle.analytics.clv.ParetoNbdModel;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.prediction.PredictionType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records written with Jackson outside REST (outbox values, fitted parameters), registered so a native image keeps
 * their accessors.
 */
@RegisterForReflection(targets = {CustomerPrediction.class, PredictionType.class, BgNbdModel.class,
        ParetoNbdModel.class, GammaGammaModel.class})
public final class PredictionReflection {

    private PredictionReflection() {
    }
}
