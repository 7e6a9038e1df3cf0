package org.lifecycle.analytics.prediction.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.prediction.repository.PredictionRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** Reads fits and predictions for the API; {@code null} where nothing matches. */
@ApplicationScoped
public class PredictionService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredictionRepository repository;

    public PredictionService(PredictionRepository repository) {
        this.repository = repository;
    }

    public Uni<FitStatus> latestModel() {
        return repository.latestSucceeded().map(PredictionService::fit);
    }

    public Uni<FitStatus> job(long version) {
        return repository.fit(version).map(PredictionService::fit);
    }

    public Uni<PredictionView> customer(String customer) {
        return repository.latestSucceeded().chain(fit -> fit == null
                ? Uni.createFrom().nullItem()
                : repository.customer(customer).map(row -> row == null ? null : view(row)));
    }

    public Uni<PredictionPage> page(PredictionFilter filter, int page, int size) {
        return repository.latestSucceeded().chain(fit -> {
            if (fit == null) {
                return Uni.createFrom().item(new PredictionPage(0, page, size, 0, List.of()));
            }
            long version = fit.getLong("id");
            return repository.count(version, filter.where(), filter.parameters())
                    .chain(total -> repository.page(version, filter.where(), filter.parameters(), filter.orderBy(),
                            size, page * size)
                            .map(rows -> new PredictionPage(version, page, size, total,
                                    rows.stream().map(PredictionService::view).toList())));
        });
    }

    public Uni<Distribution> distribution(int bins) {
        return repository.latestSucceeded().chain(fit -> {
            if (fit == null) {
                return Uni.createFrom().item(new Distribution(0, 0, List.of(), List.of()));
            }
            long version = fit.getLong("id");
            return repository.values(version).map(rows -> {
                double[] alive = new double[rows.size()];
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    alive[i] = rows.get(i).getDouble("probability_alive");
                    Double value = rows.get(i).getDouble("predicted_lifetime_value");
                    if (value != null) {
                        values.add(value);
                    }
                }
                double[] clv = values.stream().mapToDouble(Double::doubleValue).toArray();
                return new Distribution(version, rows.size(), Histogram.of(clv, 0, Histogram.percentile(clv, 0.99),
                        bins), Histogram.of(alive, 0, 1, bins));
            });
        });
    }

    static FitStatus fit(Row row) {
        if (row == null) {
            return null;
        }
        return new FitStatus(row.getLong("id"), row.getString("status"), row.getString("trigger"),
                row.getString("model"), instant(row.getOffsetDateTime("requested_at")),
                instant(row.getOffsetDateTime("finished_at")), row.getDouble("progress"), row.getString("phase"),
                row.getLocalDate("window_start"), row.getLocalDate("window_end"), row.getLong("orders_seen"),
                json(row.getJsonObject("purchase_params")), json(row.getJsonObject("spend_params")),
                row.getDouble("purchase_log_likelihood"), row.getDouble("spend_log_likelihood"),
                row.getBoolean("purchase_converged"), row.getBoolean("spend_converged"), row.getLong("customers"),
                row.getLong("repeat_buyers"), row.getLong("published"), row.getLong("duration_ms"),
                row.getString("error"));
    }

    static PredictionView view(Row row) {
        return new PredictionView(row.getString("customer_key"), row.getLong("fit_id"), row.getInteger("frequency"),
                row.getDouble("recency"), row.getDouble("age"), row.getDouble("mean_repeat_value"),
                row.getDouble("probability_alive"), row.getDouble("expected_purchases"),
                row.getDouble("expected_order_value"), row.getDouble("predicted_lifetime_value"));
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static JsonNode json(JsonObject object) {
        if (object == null) {
            return null;
        }
        try {
            return JSON.readTree(object.encode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Equal-width histograms. */
    static final class Histogram {

        private Histogram() {
        }

        /** Values below {@code lower} go to the first bin, values at or above {@code upper} to the last. */
        static List<Distribution.Bin> of(double[] values, double lower, double upper, int bins) {
            if (!(upper > lower)) {
                upper = lower + 1;
            }
            long[] counts = new long[bins];
            double width = (upper - lower) / bins;
            for (double value : values) {
                int bin = (int) Math.floor((value - lower) / width);
                counts[Math.max(0, Math.min(bins - 1, bin))]++;
            }
            List<Distribution.Bin> out = new ArrayList<>(bins);
            for (int i = 0; i < bins; i++) {
                out.add(new Distribution.Bin(lower + i * width, lower + (i + 1) * width, counts[i]));
            }
            return out;
        }

        /** The nearest-rank percentile; 0 for no values. */
        static double percentile(double[] values, double fraction) {
            if (values.length == 0) {
                return 0;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }
}
