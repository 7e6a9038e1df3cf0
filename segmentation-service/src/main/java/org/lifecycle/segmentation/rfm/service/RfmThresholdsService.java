package org.lifecycle.segmentation.rfm.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobKind;
import org.lifecycle.segmentation.job.service.JobService;
import org.lifecycle.segmentation.rfm.RfmThresholds;
import org.lifecycle.segmentation.rfm.StoreStats;
import org.lifecycle.segmentation.rfm.repository.RfmThresholdsRepository;
import org.lifecycle.segmentation.rfm.repository.RfmThresholdsRepository.Stored;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Derives the RFM thresholds from the store's own orders (STAGES.md, "Derived thresholds and the fallback") and puts
 * them in force: when the recency edges change, or the store's average order value moves by more than
 * {@code lifecycle.segmentation.rfm-average-tolerance}, every profile is decided again by a job; when only the
 * statistics behind the same lines moved, they are stored for the record and nothing is re-decided.
 */
@ApplicationScoped
public class RfmThresholdsService {

    private final Pool pool;
    private final RfmThresholdsRepository repository;
    private final Definitions definitions;
    private final JobService jobs;
    private final SegmentationSettings settings;

    public RfmThresholdsService(Pool pool, RfmThresholdsRepository repository, Definitions definitions,
            JobService jobs, SegmentationSettings settings) {
        this.pool = pool;
        this.repository = repository;
        this.definitions = definitions;
        this.jobs = jobs;
        this.settings = settings;
    }

    /**
     * Derives the thresholds once, unless another replica is doing it.
     *
     * @return the job started when the thresholds changed
     */
    public Uni<Optional<Job>> refresh() {
        return pool.withTransaction(connection -> repository.tryLock(connection).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(Optional.<Job>empty());
            }
            return repository.stats(connection)
                    .chain(stats -> repository.stored(connection).chain(stored -> {
                        RfmThresholds derived = RfmThresholds.derive(stats);
                        RfmThresholds current = stored.map(s -> read(s.thresholds())).orElse(RfmThresholds.fallback());
                        if (stored.isPresent() && (derived.equals(current)
                                || derived.placesAlike(current, settings.segmentation().rfmAverageTolerance()))) {
                            // Within the tolerance the thresholds in force stay, statistics included, so what is
                            // stored is always what every profile was decided with.
                            return Uni.createFrom().item(Optional.<Job>empty());
                        }
                        Uni<Void> saved = repository.save(connection, json(derived));
                        if (derived.placesAlike(current, 0)) {
                            return saved.replaceWith(Optional.<Job>empty());
                        }
                        Log.infof("RFM thresholds change to %d/%d/%d days (%s), store average order %s, from %s",
                                derived.band1Days(), derived.band2Days(), derived.band3Days(),
                                derived.derived() ? "derived" : "fallback", derived.storeAverageOrderValue(),
                                describe(stats));
                        return saved.chain(() -> jobs.start(connection, JobKind.RFM_THRESHOLDS,
                                Job.RFM_THRESHOLDS_SUBJECT)).map(Optional::of);
                    }));
        })).call(job -> job.isEmpty() ? Uni.createFrom().voidItem() : definitions.reload())
                .invoke(job -> job.ifPresent(started -> jobs.wake()));
    }

    /** The thresholds in force, with what they were derived from. */
    public Uni<RfmThresholdsView> current() {
        return repository.stored().map(stored -> view(stored.map(s -> read(s.thresholds()))
                .orElse(RfmThresholds.fallback()), stored.map(Stored::derivedAt).orElse(null)));
    }

    private static RfmThresholdsView view(RfmThresholds thresholds, Instant derivedAt) {
        StoreStats stats = thresholds.stats();
        return new RfmThresholdsView(thresholds.band1Days(), thresholds.band2Days(), thresholds.band3Days(),
                thresholds.storeAverageOrderValue(), thresholds.derived(),
                stats == null
                        ? null
                        : new RfmThresholdsView.Stats(stats.returningCustomers(),
                                Double.isNaN(stats.medianRepeatIntervalDays())
                                        ? null
                                        : stats.medianRepeatIntervalDays(),
                                stats.averageOrderValue()),
                derivedAt);
    }

    private static String describe(StoreStats stats) {
        return stats.returningCustomers() + " returning customers, median repeat interval "
                + stats.medianRepeatIntervalDays() + " days";
    }

    private static RfmThresholds read(String json) {
        try {
            return LifecycleJson.mapper().readValue(json, RfmThresholds.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored RFM thresholds", e);
        }
    }

    private static String json(RfmThresholds thresholds) {
        try {
            return LifecycleJson.mapper().writeValueAsString(thresholds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
