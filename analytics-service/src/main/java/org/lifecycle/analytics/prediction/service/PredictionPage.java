package org.lifecycle.analytics.prediction.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of customers' predictions, with how many match the filters in all. */
@Schema(description = "A page of predictions")
public record PredictionPage(long modelVersion, int page, int size, long total, List<PredictionView> items) {
}
