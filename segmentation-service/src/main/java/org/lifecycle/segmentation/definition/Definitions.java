package org.lifecycle.segmentation.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.profile.service.RuleClassifier;
import org.lifecycle.segmentation.profile.service.RuleClassifier.RuleSegment;
import org.lifecycle.segmentation.profile.service.SegmentRef;
import org.lifecycle.segmentation.rfm.RfmThresholds;
import org.lifecycle.segmentation.rule.BehaviourSegments;
import org.lifecycle.segmentation.rule.RuleParser;
import org.lifecycle.segmentation.rule.RuleStageModel;
import org.lifecycle.segmentation.rule.SegmentDefinition;
import org.lifecycle.segmentation.scoring.ScoreCard;
import org.lifecycle.segmentation.scoring.ScoringPlan;
import org.lifecycle.segmentation.scoring.ScoringPlanParser;
import org.lifecycle.segmentation.stage.DefaultStageModel;
import org.lifecycle.segmentation.stage.StageModel;
import org.lifecycle.segmentation.stage.StageThresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The definitions in force: the active stage model, the RFM thresholds, the behaviour segments, every
 * marketer-defined segment and the scoring plans, as one {@link RuleClassifier}. Loaded at start, after every change made here, and
 * periodically for changes another replica made.
 */
@ApplicationScoped
public class Definitions {

    private final Pool pool;
    private final SegmentationSettings settings;
    private final AtomicLong started = new AtomicLong();
    private long installed;
    private volatile RuleClassifier current;
    private volatile Thread refresher;

    public Definitions(Pool pool, SegmentationSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    void load(@Observes StartupEvent event) {
        reload().await().atMost(Duration.ofSeconds(30));
        refresher = Thread.ofPlatform().name("definitions-refresh").daemon().start(this::refreshPeriodically);
    }

    /** Stops the refresh with the application, which would otherwise outlive it reading a closed pool. */
    void stop(@Observes ShutdownEvent event) {
        Thread t = refresher;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Picks up definitions another replica changed; changes made here are reloaded at once by their caller. */
    private void refreshPeriodically() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(settings.segmentation().definitionsRefresh());
                reload().await().atMost(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("Reloading definitions failed, keeping the ones loaded: %s", e.getMessage());
            }
        }
    }

    /** The classifier under the current definitions. */
    public RuleClassifier current() {
        RuleClassifier classifier = current;
        if (classifier == null) {
            throw new IllegalStateException("Definitions are not loaded yet");
        }
        return classifier;
    }

    /** The default model's thresholds, from configuration. */
    public StageThresholds thresholds() {
        var s = settings.segmentation().stages();
        return new StageThresholds(s.newCustomerDays(), s.activeMinOrders(), s.activeWindowDays(), s.atRiskDays(),
                s.lapsedDays(), s.loyalMinOrders(), s.advocateEvents(), s.advocateWindowDays());
    }

    /** Builds the stage model a stored definition describes: the default model when it is {@code null}. */
    public StageModel model(int version, JsonNode definition) {
        return definition == null || definition.isNull()
                ? new DefaultStageModel(version, thresholds())
                : new RuleStageModel(version, definition);
    }

    /**
     * Reads the definitions in force and makes them current. Of reloads that overlap, the one started last wins, so a
     * periodic refresh that began before a change committed never puts back what the change's own reload replaced.
     */
    public Uni<RuleClassifier> reload() {
        return Uni.createFrom().deferred(() -> readAll(started.incrementAndGet()));
    }

    private Uni<RuleClassifier> readAll(long generation) {
        Uni<StageModel> model = pool.query("select version, definition::text from stage_model where active")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return model(row.getInteger(0), json(row.getString(1)));
                });
        Uni<RfmThresholds> rfm = pool.query("select thresholds::text from rfm_thresholds where id = 1").execute()
                .map(rows -> rows.size() == 0 ? RfmThresholds.fallback() : read(rows.iterator().next().getString(0)));
        // Live and deleted segments in one statement, so one snapshot: a segment deleted meanwhile is one or the other.
        Uni<Segments> segments = pool.query("""
                select id, key, definition::text from segment
                union all
                select id, key, null from retired_segment
                order by key""")
                .execute()
                .map(rows -> {
                    List<RuleSegment> live = new ArrayList<>();
                    List<SegmentRef> retired = new ArrayList<>();
                    for (SegmentDefinition builtIn : new BehaviourSegments().definitions()) {
                        live.add(new RuleSegment(SegmentRef.behaviour(builtIn.key()), builtIn.rule()));
                    }
                    for (Row row : rows) {
                        SegmentRef ref = new SegmentRef(row.getUUID(0).toString(), row.getString(1),
                                SegmentKind.CUSTOM);
                        String definition = row.getString(2);
                        if (definition == null) {
                            retired.add(ref);
                            continue;
                        }
                        try {
                            live.add(new RuleSegment(ref, RuleParser.parse(json(definition))));
                        } catch (RuntimeException e) {
                            Log.errorf("Segment %s cannot be read and is skipped: %s", ref.key(), e.getMessage());
                        }
                    }
                    return new Segments(live, retired);
                });
        return Uni.combine().all().unis(model, rfm, segments, scoring()).asTuple()
                .map(t -> new RuleClassifier(t.getItem1(), t.getItem2(), t.getItem3().live(),
                        t.getItem3().retired(), t.getItem4()))
                .map(classifier -> install(generation, classifier));
    }

    /** The latest version of every scoring plan not deleted (a deletion is a version without a definition). */
    private Uni<ScoreCard> scoring() {
        int historyDays = settings.segmentation().historyDays();
        return pool.query("""
                select distinct on (key) key, version, definition::text from scoring_plan
                order by key, version desc""")
                .execute()
                .map(rows -> {
                    List<ScoringPlan> plans = new ArrayList<>();
                    for (Row row : rows) {
                        String definition = row.getString(2);
                        if (definition == null) {
                            continue;
                        }
                        try {
                            plans.add(ScoringPlanParser.parse(json(definition), row.getString(0), row.getInteger(1),
                                    Integer.MAX_VALUE));
                        } catch (RuntimeException e) {
                            Log.errorf("Scoring plan %s cannot be read and is skipped: %s", row.getString(0),
                                    e.getMessage());
                        }
                    }
                    return new ScoreCard(plans, historyDays);
                });
    }

    private record Segments(List<RuleSegment> live, List<SegmentRef> retired) {
    }

    private synchronized RuleClassifier install(long generation, RuleClassifier classifier) {
        if (generation > installed) {
            installed = generation;
            current = classifier;
        }
        return current;
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RfmThresholds read(String text) {
        try {
            return LifecycleJson.mapper().readValue(text, RfmThresholds.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
