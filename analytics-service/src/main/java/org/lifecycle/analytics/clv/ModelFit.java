package org.lifecycle.analytics.clv;

/**
 * A model fitted by maximum likelihood.
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
}
