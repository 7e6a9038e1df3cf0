package org.lifecycle.segmentation.map.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.map.repository.LifecycleMapRepository;
import org.lifecycle.segmentation.map.repository.LifecycleMapRepository.Placement;
import org.lifecycle.segmentation.map.repository.LifecycleMapRepository.Tally;
import org.lifecycle.segmentation.map.service.LifecycleMap.Example;
import org.lifecycle.segmentation.map.service.LifecycleMap.RfmCount;
import org.lifecycle.segmentation.map.service.LifecycleMap.StageCount;
import org.lifecycle.segmentation.profile.service.SegmentRef;
import org.lifecycle.segmentation.rfm.RfmGroup;
import org.lifecycle.segmentation.stage.StageModel;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** The lifecycle map: customers per stage of the active model and per RFM group, now or at a past moment. */
@ApplicationScoped
public class LifecycleMapService {

    private final LifecycleMapRepository repository;
    private final Definitions definitions;
    private volatile boolean stopping;

    public LifecycleMapService(LifecycleMapRepository repository, Definitions definitions) {
        this.repository = repository;
        this.definitions = definitions;
    }

    /** The map now, from the profiles' current stage and group. */
    public Uni<LifecycleMap> now(int examples) {
        StageModel model = definitions.current().model();
        return repository.tally().chain(tally -> {
            List<String> stages = stages(model, tally);
            return Uni.combine().all()
                    .unis(repository.stageExamples(stages, examples),
                            repository.groupExamples(groupKeys(), examples))
                    .asTuple()
                    .map(t -> map(null, model, stages, new Placement(tally, t.getItem1(), t.getItem2())));
        });
    }

    /** The map as it was at {@code at}, from the transition ledger and the RFM segments' history. */
    public Uni<LifecycleMap> asOf(Instant at, int examples) {
        StageModel model = definitions.current().model();
        List<String> rfmKeys = groupKeys().stream().map(group -> SegmentRef.RFM_PREFIX + group).toList();
        return repository.asOf(at, rfmKeys, examples)
                .map(placement -> map(at, model, stages(model, placement.tally()), placement));
    }

    /**
     * Keeps the counts the map reads down to a row per stage and group. Stops when the service shuts down, before the
     * connection pool closes; a fold cut short there is rolled back and done by the next start.
     */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> compact() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return repository.compact().onFailure(e -> stopping).recoverWithUni(e -> {
            Log.debugf("Counts not folded, the service is stopping: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * The active model's stages in its order, then, sorted, any other stage some profiles still hold (decided by
     * an earlier model, until re-evaluation reaches them), so the counts always add up to the total.
     */
    private static List<String> stages(StageModel model, Tally tally) {
        List<String> stages = new ArrayList<>(model.stages());
        TreeSet<String> others = new TreeSet<>();
        tally.stages().forEach((stage, count) -> {
            if (stage != null && count > 0 && !stages.contains(stage)) {
                others.add(stage);
            }
        });
        stages.addAll(others);
        return stages;
    }

    private static List<String> groupKeys() {
        List<String> keys = new ArrayList<>();
        for (RfmGroup group : RfmGroup.values()) {
            keys.add(group.key());
        }
        return keys;
    }

    private static LifecycleMap map(Instant at, StageModel model, List<String> stages, Placement placement) {
        Tally tally = placement.tally();
        List<StageCount> stageCounts = new ArrayList<>();
        for (String stage : stages) {
            stageCounts.add(new StageCount(stage, tally.stages().getOrDefault(stage, 0L),
                    examples(placement.stageExamples(), stage)));
        }
        List<RfmCount> groupCounts = new ArrayList<>();
        for (String group : groupKeys()) {
            groupCounts.add(new RfmCount(group, tally.groups().getOrDefault(group, 0L),
                    examples(placement.groupExamples(), group)));
        }
        long total = tally.stages().values().stream().mapToLong(Long::longValue).sum();
        long withoutOrders = tally.groups().entrySet().stream().filter(e -> Objects.isNull(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new LifecycleMap(at, model.version(), total, stageCounts, groupCounts, withoutOrders);
    }

    private static List<Example> examples(Map<String, List<Example>> examples, String key) {
        return examples.getOrDefault(key, List.of());
    }
}
