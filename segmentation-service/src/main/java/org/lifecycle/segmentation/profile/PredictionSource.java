package org.lifecycle.segmentation.profile;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a profile's predicted figures come from: the {@code lifecycle.predictions} record applied last.
 *
 * @param id the record's id
 * @param model the purchase and spend models, e.g. {@code bg-nbd+gamma-gamma}
 * @param modelVersion the fit's number
 * @param fittedAt when the fit finished; an older record never replaces a newer one
 */
@RegisterForReflection
public record PredictionSource(String id, String model, long modelVersion, Instant fittedAt) {
}
