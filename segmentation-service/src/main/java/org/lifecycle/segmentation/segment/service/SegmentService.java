package org.lifecycle.segmentation.segment.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.definition.HistoryLimit;
import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobKind;
import org.lifecycle.segmentation.job.service.JobService;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.problem.Violation;
import org.lifecycle.segmentation.profile.service.RuleClassifier;
import org.lifecycle.segmentation.profile.service.SegmentRef;
import org.lifecycle.segmentation.rfm.RfmGroup;
import org.lifecycle.segmentation.rfm.RfmThresholds;
import org.lifecycle.segmentation.rule.BehaviourSegments;
import org.lifecycle.segmentation.rule.Rule;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleParser;
import org.lifecycle.segmentation.rule.SegmentDefinition;
import org.lifecycle.segmentation.segment.repository.SegmentRepository;
import org.lifecycle.segmentation.segment.repository.SegmentRepository.Stored;
import org.lifecycle.segmentation.stagemodel.service.StageInfo;
import org.lifecycle.segmentation.stagemodel.service.StageModelService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Segments: the built-in ones (a segment per stage of the active model, per RFM group, and the behaviour segments)
 * and the ones marketers define. Every change to a marketer's segment is stored as a new version, put in force at
 * once on this replica, and followed by a job that decides every profile again, so members enter and leave on
 * {@code lifecycle.memberships}.
 */
@ApplicationScoped
public class SegmentService {

    private static final Set<String> FIELDS = Set.of("key", "name", "description", "rule");
    private static final List<String> BUILT_IN_PREFIXES = List.of(SegmentRef.STAGE_PREFIX, SegmentRef.RFM_PREFIX,
            SegmentRef.BEHAVIOUR_PREFIX);
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2000;

    private final Pool pool;
    private final SegmentRepository repository;
    private final Definitions definitions;
    private final StageModelService stageModels;
    private final JobService jobs;
    private final SegmentationSettings settings;

    public SegmentService(Pool pool, SegmentRepository repository, Definitions definitions,
            StageModelService stageModels, JobService jobs, SegmentationSettings settings) {
        this.pool = pool;
        this.repository = repository;
        this.definitions = definitions;
        this.stageModels = stageModels;
        this.jobs = jobs;
        this.settings = settings;
    }

    /** What a request asks a segment to be, once valid. */
    private record Input(String key, String name, String description, Rule rule) {
    }

    /** Built-in segments first (stages in the model's order, RFM groups, behaviour), then custom ones by key. */
    public Uni<List<Segment>> list() {
        return repository.all().map(stored -> {
            List<Segment> out = new ArrayList<>(builtIns());
            stored.forEach(segment -> out.add(view(segment, null)));
            return out;
        });
    }

    public Uni<Segment> get(String key) {
        if (isBuiltIn(key)) {
            return Uni.createFrom().item(builtIns().stream().filter(s -> s.key().equals(key)).findFirst()
                    .orElseThrow(() -> unknown(key)));
        }
        return repository.find(key).map(found -> view(found.orElseThrow(() -> unknown(key)), null));
    }

    /** Creates a segment from {@code {key, name, description, rule}} and starts its backfill. */
    public Uni<Segment> create(JsonNode body) {
        Input input = read(body, null);
        return pool.withTransaction(connection -> repository
                .insert(connection, input.key(), input.name(), input.description(), json(input.rule().toJson()))
                .chain(stored -> started(connection, stored.orElseThrow(() -> ProblemException
                        .conflict("A segment with key " + input.key() + " already exists")),
                        JobKind.SEGMENT_BACKFILL)))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    /** Stores a new version of a segment and starts the job that moves its members in and out. */
    public Uni<Segment> update(String key, JsonNode body) {
        refuseBuiltIn(key);
        Input input = read(body, key);
        return pool.withTransaction(connection -> repository
                .update(connection, key, input.name(), input.description(), json(input.rule().toJson()))
                .chain(stored -> started(connection, stored.orElseThrow(() -> unknown(key)),
                        JobKind.SEGMENT_BACKFILL)))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    /** Deletes a segment and starts the job that takes every member out of it. */
    public Uni<Segment> delete(String key) {
        refuseBuiltIn(key);
        return pool.withTransaction(connection -> repository.delete(connection, key)
                .chain(stored -> started(connection, stored.orElseThrow(() -> unknown(key)),
                        JobKind.SEGMENT_REMOVAL)))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    private Uni<Segment> started(SqlClient connection, Stored stored, JobKind kind) {
        return jobs.start(connection, kind, Job.segmentSubject(stored.key())).map(job -> view(stored, job));
    }

    /**
     * Reads a request body, or refuses it with every violation, each pointed at in the body.
     *
     * @param pathKey the key in the URL of an update; {@code null} on create, where the body names the key
     */
    private Input read(JsonNode body, String pathKey) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "expected a JSON object like {\"key\": \"big_spenders\", "
                    + "\"name\": \"Big spenders\", \"rule\": {...}}");
        }
        List<Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                violations.add(new Violation("/" + name,
                        "unknown key \"" + name + "\": expected key, name, description and rule"));
            }
        });
        String key = pathKey == null ? key(body.get("key"), violations) : pathKey;
        if (pathKey != null && body.hasNonNull("key") && !pathKey.equals(body.get("key").asText())) {
            violations.add(new Violation("/key", "a segment's key cannot change: create a new segment instead"));
        }
        String name = text(body.get("name"), "/name", true, MAX_NAME, violations);
        String description = text(body.get("description"), "/description", false, MAX_DESCRIPTION, violations);
        Rule rule = rule(body.get("rule"), violations);
        if (!violations.isEmpty()) {
            Violation first = violations.getFirst();
            throw new ProblemException(400, "Invalid definition",
                    "The segment is not valid: " + first.field() + ": " + first.detail(), violations);
        }
        return new Input(key, name, description, rule);
    }

    private static String key(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new Violation("/key", "missing key, e.g. \"big_spenders\""));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation("/key", "expected a string"));
            return null;
        }
        String key = node.textValue();
        if (isBuiltIn(key)) {
            violations.add(new Violation("/key", "keys starting with " + String.join(", ", BUILT_IN_PREFIXES)
                    + " are the built-in segments'; give a custom segment's key without a prefix"));
        } else if (!SegmentDefinition.KEY_FORMAT.matcher(key).matches()) {
            violations.add(new Violation("/key", "expected lowercase letters, digits and _, starting with a letter, "
                    + "at most 40 characters, found \"" + key + "\""));
        }
        return key;
    }

    private static String text(JsonNode node, String field, boolean required, int maxLength,
            List<Violation> violations) {
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new Violation(field, "missing " + field.substring(1)));
            }
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "expected a string"));
            return null;
        }
        String value = node.textValue().strip();
        if (required && value.isEmpty()) {
            violations.add(new Violation(field, field.substring(1) + " must not be empty"));
        } else if (value.length() > maxLength) {
            violations.add(new Violation(field, "at most " + maxLength + " characters"));
        }
        return value;
    }

    private Rule rule(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new Violation("/rule", "missing rule: who is in the segment (RULES.md)"));
            return null;
        }
        try {
            Rule rule = RuleParser.parse(node);
            violations.addAll(HistoryLimit.check(node, "/rule", settings.segmentation().historyDays()));
            return rule;
        } catch (RuleException e) {
            violations.addAll(ProblemException.invalidRule("/rule", e).violations());
            return null;
        }
    }

    private static void refuseBuiltIn(String key) {
        if (isBuiltIn(key)) {
            throw ProblemException.invalid("key", "built-in segments follow the stage model, the RFM map and the "
                    + "behaviour definitions and cannot be changed or deleted");
        }
    }

    private static boolean isBuiltIn(String key) {
        return BUILT_IN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static ProblemException unknown(String key) {
        return ProblemException.notFound("No segment " + key);
    }

    private List<Segment> builtIns() {
        RuleClassifier current = definitions.current();
        List<Segment> out = new ArrayList<>();
        for (StageInfo stage : stageModels.stages(current.model())) {
            SegmentRef ref = SegmentRef.stage(stage.key());
            out.add(new Segment(ref.id(), ref.key(), SegmentKind.STAGE, stage.name(),
                    "Customers in the " + stage.name() + " stage of stage model version " + current.modelVersion(),
                    stage.rule(), stage.description(), null, null, null, null));
        }
        RfmThresholds rfm = current.rfm();
        String map = "on the RFM map with recency edges of " + rfm.band1Days() + ", " + rfm.band2Days() + " and "
                + rfm.band3Days() + " days (" + (rfm.derived() ? "derived from the store's orders" : "fallback")
                + ")" + (rfm.storeAverageOrderValue() == null
                        ? ""
                        : " and a store average order value of " + rfm.storeAverageOrderValue().toPlainString());
        for (RfmGroup group : RfmGroup.values()) {
            SegmentRef ref = SegmentRef.rfm(group.key());
            out.add(new Segment(ref.id(), ref.key(), SegmentKind.RFM, group.displayName(), rfmMeaning(group), null,
                    group.displayName() + " " + map, null, null, null, null));
        }
        for (SegmentDefinition behaviour : new BehaviourSegments().definitions()) {
            SegmentRef ref = SegmentRef.behaviour(behaviour.key());
            out.add(new Segment(ref.id(), ref.key(), SegmentKind.BEHAVIOUR, behaviour.name(),
                    behaviour.description(), behaviour.rule().toJson(), behaviour.rule().describe(), null, null, null,
                    null));
        }
        return out;
    }

    /** The cells of the grid in STAGES.md ("The grid") each group covers. */
    private static String rfmMeaning(RfmGroup group) {
        return switch (group) {
            case CHAMPIONS -> "Ordered recently, 3 or more times in the last 365 days, with an average order at or "
                    + "above the store's";
            case LOYALISTS -> "Order regularly: recently with 2 or more orders in the last 365 days, or fairly "
                    + "recently with 3 or more (or 2 at or above the store's average order)";
            case RECENT_CUSTOMERS -> "Ordered recently, at most once in the last 365 days, with an average order "
                    + "below the store's";
            case HIGH_POTENTIAL -> "Ordered recently or fairly recently, at most once in the last 365 days, with an "
                    + "average order at or above the store's";
            case NEEDS_NURTURING -> "Ordered fairly recently, at most twice in the last 365 days, with an average "
                    + "order below the store's";
            case AT_RISK -> "Ordered 2 or more times in the last 365 days, but not recently";
            case CANT_LOSE -> "Ordered often at or above the store's average order, but not for a long time";
            case ABOUT_TO_LOSE -> "Ordered at most once in the last 365 days, and not recently";
        };
    }

    private static Segment view(Stored stored, Job job) {
        JsonNode rule = readJson(stored.definition());
        return new Segment(stored.id().toString(), stored.key(), SegmentKind.CUSTOM, stored.name(),
                stored.description(), rule, describe(rule), stored.version(), stored.createdAt(), stored.updatedAt(),
                job);
    }

    /** The stored rule in words; a rule this version cannot read any more is shown, but not described. */
    private static String describe(JsonNode rule) {
        try {
            return RuleParser.parse(rule).describe();
        } catch (RuleException e) {
            return null;
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored segment", e);
        }
    }

    private static String json(JsonNode node) {
        try {
            return LifecycleJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
