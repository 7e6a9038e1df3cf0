package org.lifecycle.analytics.clv;

/**
 * A model fitted by maximum likelihood. When {@code converged} is false the data do not pin the parameters down (a
 * parameter ran to the edge of the search box, e^±30, or the gradient did not vanish): the model should not be used
 * for predictions.
 *
 * @param model the parameters at the maximum
 * @param logLikelihood the log-likelihood there, summed over the customers
 * @param customers the number of customers fitted
 * @param iterations quasi-Newton iterations used
 * @param evaluations likelihood evaluations used (gradients included)
 * @param converged whether the gradient vanished to the optimiser's tolerance
 */
public record ModelFit<M>(M model, double logLikelihood, long customers, int iterations, int evaluations,
        boolean converged) {

    /** The search box of every model's log-parameters: parameters between e^−30 and e^30. */
    static final double LOG_PARAMETER_BOUND = 30;
}
