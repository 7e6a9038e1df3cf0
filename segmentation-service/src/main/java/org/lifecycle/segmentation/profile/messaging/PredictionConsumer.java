package org.lifecycle.segmentation.profile.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.segmentation.profile.service.ProfileService;
import org.lifecycle.segmentation.profile.service.TimeSweeper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code lifecycle.predictions} (analytics' figures per customer) in batches, in order per partition, so a
 * customer's predictions are applied in the order they were published. A batch is applied in one transaction at the
 * service's horizon; if it fails, its records are applied one by one, and one that still fails goes to the
 * dead-letter topic with its reason, as does a record that is not a prediction. Offsets are committed only after
 * the database commit.
 */
@ApplicationScoped
public class PredictionConsumer {

    private static final int ATTEMPTS = 3;

    private final ProfileService service;
    private final TimeSweeper time;
    private final Counter applied;
    private final Counter deadLettered;

    public PredictionConsumer(ProfileService service, TimeSweeper time, MeterRegistry registry) {
        this.service = service;
        this.time = time;
        this.applied = Counter.builder("lifecycle_segmentation_predictions_applied").register(registry);
        this.deadLettered = Counter.builder("lifecycle_segmentation_predictions_dead_lettered").register(registry);
    }

    @Incoming("predictions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<CustomerPrediction> predictions = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> undecodable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                predictions.add(LifecycleJson.decode(record.value(), CustomerPrediction.class));
            } catch (RuntimeException e) {
                undecodable.add(record);
            }
        }
        Uni<Void> bad = Multi.createFrom().iterable(undecodable)
                .onItem().transformToUniAndConcatenate(record -> {
                    deadLettered.increment();
                    Log.warnf("Prediction at %s-%d@%d is not a valid prediction, sent to the dead-letter topic",
                            record.topic(), record.partition(), record.offset());
                    return service.deadLetter(record.topic(), record.key(), String.valueOf(record.value()), null,
                            "not a valid lifecycle.predictions record", null);
                }).collect().last().replaceWithVoid();
        return bad.chain(() -> time.horizon())
                .chain(horizon -> service.predict(predictions, horizon)
                        .invoke(() -> applied.increment(predictions.size()))
                        .onFailure().recoverWithUni(e -> {
                            Log.warnf("A batch of %d predictions failed (%s); applying them one by one",
                                    predictions.size(), e.getMessage());
                            return Multi.createFrom().iterable(predictions)
                                    .onItem().transformToUniAndConcatenate(this::applyOne)
                                    .collect().last().replaceWithVoid();
                        }));
    }

    private Uni<Void> applyOne(CustomerPrediction prediction) {
        return time.horizon().chain(horizon -> service.predict(List.of(prediction), horizon))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(ATTEMPTS - 1)
                .invoke(() -> applied.increment())
                .onFailure().recoverWithUni(e -> {
                    deadLettered.increment();
                    Log.errorf(e, "Prediction %s failed %d times, sent to the dead-letter topic", prediction.id(),
                            ATTEMPTS);
                    return service.deadLetter(service.topics().predictions(), prediction.customer(),
                            new String(LifecycleJson.encode(prediction), StandardCharsets.UTF_8), prediction.id(),
                            String.valueOf(e.getMessage()), null);
                });
    }
}
