package org.lifecycle.analytics.prediction.service;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.analytics.aggregate.service.CsvRow;

/**
 * A customer's current prediction.
 *
 * @param frequency repeat purchase days in the calibration window (x)
 * @param recency days from the first to the last purchase day, in the model's unit (t_x)
 * @param age from the first purchase day to the end of the window, in the model's unit (T)
 * @param meanRepeatValue mean value of the repeat purchase days
 */
@Schema(description = "A customer's predicted value from the latest fit")
public record PredictionView(String customer, long modelVersion, int frequency, double recency, double age,
        double meanRepeatValue, double probabilityAlive, double expectedPurchases, Double expectedOrderValue,
        Double predictedLifetimeValue) implements CsvRow {

    public static final List<String> COLUMNS = List.of("customer", "model_version", "frequency", "recency", "age",
            "mean_repeat_value", "probability_alive", "expected_purchases", "expected_order_value",
            "predicted_lifetime_value");

    @Override
    public List<Object> cells() {
        return Arrays.asList(customer, modelVersion, frequency, recency, age, meanRepeatValue,
                probabilityAlive, expectedPurchases, expectedOrderValue, predictedLifetimeValue);
    }
}
