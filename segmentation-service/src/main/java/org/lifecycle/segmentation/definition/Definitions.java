package org.lifecycle.segmentation.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import org.lifecycle.segmentation.stage.DefaultStageModel;
import org.lifecycle.segmentation.stage.StageModel;
import org.lifecycle.segmentation.stage.StageThresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The definitions in force: the active stage model, the RFM thresholds, the behaviour segments and every
 * marketer-defined segment, as one {@link RuleClassifier}. Loaded at start, after every change made here, and
 * periodically for changes another replica made.
 */
@ApplicationScoped
public class Definitions {

    private final Pool pool;
    private final SegmentationSettings settings;
    private volatile RuleClassifier current;

    public Definitions(Pool pool, SegmentationSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    void load(@Observes StartupEvent event) {
        reload().await().atMost(Duration.ofSeconds(30));
        Thread.ofPlatform().name("definitions-refresh").daemon().start(this::refreshPeriodically);
    }

    /** Picks up definitions another replica changed; changes made here are reloaded at once by their caller. */
    private void refreshPeriodically() {
        while (true) {
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

    public Uni<RuleClassifier> reload() {
        Uni<StageModel> model = pool.query("select version, definition::text from stage_model where active")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return model(row.getInteger(0), json(row.getString(1)));
                });
        Uni<RfmThresholds> rfm = pool.query("select thresholds::text from rfm_thresholds where id = 1").execute()
                .map(rows -> rows.size() == 0 ? RfmThresholds.fallback() : read(rows.iterator().next().getString(0)));
        Uni<List<RuleSegment>> segments = pool.query("select id, key, definition::text from segment order by key")
                .execute()
                .map(rows -> {
                    List<RuleSegment> out = new ArrayList<>();
                    for (SegmentDefinition builtIn : new BehaviourSegments().definitions()) {
                        out.add(new RuleSegment(SegmentRef.behaviour(builtIn.key()), builtIn.rule()));
                    }
                    for (Row row : rows) {
                        UUID id = row.getUUID(0);
                        try {
                            out.add(new RuleSegment(new SegmentRef(id.toString(), row.getString(1),
                                    SegmentKind.CUSTOM), RuleParser.parse(json(row.getString(2)))));
                        } catch (RuntimeException e) {
                            Log.errorf("Segment %s cannot be read and is skipped: %s", row.getString(1),
                                    e.getMessage());
                        }
                    }
                    return out;
                });
        return Uni.combine().all().unis(model, rfm, segments).asTuple()
                .map(t -> new RuleClassifier(t.getItem1(), t.getItem2(), t.getItem3()))
                .invoke(classifier -> current = classifier);
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
