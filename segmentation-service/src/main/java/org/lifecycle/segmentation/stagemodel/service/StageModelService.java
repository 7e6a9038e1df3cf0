package org.lifecycle.segmentation.stagemodel.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.definition.HistoryLimit;
import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobKind;
import org.lifecycle.segmentation.job.service.JobService;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.problem.Violation;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleStageModel;
import org.lifecycle.segmentation.scoring.StageModelPreset;
import org.lifecycle.segmentation.stage.DefaultStageModel;
import org.lifecycle.segmentation.stage.StageModel;
import org.lifecycle.segmentation.stage.StageThresholds;
import org.lifecycle.segmentation.stagemodel.repository.StageModelRepository;
import org.lifecycle.segmentation.stagemodel.repository.StageModelRepository.Stored;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Stage model versions: version 1 is the default model, later ones are a company's own rule-based models. A new
 * version is stored inactive; activating one decides every profile again under it (a job), and the transitions that
 * follow carry the cause {@code model} and the new version.
 */
@ApplicationScoped
public class StageModelService {

    private final Pool pool;
    private final StageModelRepository repository;
    private final Definitions definitions;
    private final JobService jobs;
    private final SegmentationSettings settings;

    public StageModelService(Pool pool, StageModelRepository repository, Definitions definitions, JobService jobs,
            SegmentationSettings settings) {
        this.pool = pool;
        this.repository = repository;
        this.definitions = definitions;
        this.jobs = jobs;
        this.settings = settings;
    }

    public Uni<List<StageModelVersion>> list() {
        return repository.all().map(all -> all.stream().map(this::view).toList());
    }

    public Uni<StageModelVersion> active() {
        return repository.active().map(this::view);
    }

    public Uni<StageModelVersion> get(int version) {
        return repository.find(version).map(found -> view(found.orElseThrow(() -> unknown(version))));
    }

    /**
     * Stores {@code {"definition": {"stages": [...]}}}, or a preset's model ({@code {"preset": "hubspot", "options":
     * {...}}}), as a new, inactive version, or refuses it with every violation, pointed at in the body.
     */
    public Uni<StageModelVersion> create(JsonNode body) {
        String definition = validate(body);
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> repository.insert(connection, definition)))
                .map(this::view);
    }

    /** Makes a version the active one and starts the job that decides every profile under it. */
    public Uni<Activation> activate(int version) {
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> repository.find(connection, version))
                .chain(found -> {
                    Stored stored = found.orElseThrow(() -> unknown(version));
                    if (stored.active()) {
                        return Uni.createFrom().<Job>nullItem();
                    }
                    return repository.activate(connection, version)
                            .chain(() -> jobs.start(connection, JobKind.STAGE_MODEL, Job.STAGE_MODEL_SUBJECT));
                }))
                .call(job -> job == null ? Uni.createFrom().voidItem() : definitions.reload())
                .invoke(job -> {
                    if (job != null) {
                        jobs.wake();
                    }
                })
                .map(job -> new Activation(version, job));
    }

    /** The ready-made models a company may pick instead of writing its own. */
    public List<StageModelPreset> presets() {
        return StageModelPreset.all();
    }

    /** The stages of a model as marketers read them, in the order they are tried. */
    public List<StageInfo> stages(StageModel model) {
        if (model instanceof RuleStageModel rules) {
            return rules.definition().stream().map(stage -> new StageInfo(stage.key(), stage.name(),
                    stage.when() == null ? "no earlier stage matched" : stage.when().describe(),
                    stage.when() == null ? null : stage.when().toJson())).toList();
        }
        StageThresholds t = definitions.thresholds();
        String advocacy = t.advocateEvents().isEmpty()
                ? ""
                : " or a " + String.join(" or ", t.advocateEvents()) + " in the last " + t.advocateWindowDays()
                        + " days";
        List<StageInfo> out = new ArrayList<>();
        for (String key : model.stages()) {
            String description = switch (key) {
                case DefaultStageModel.PROSPECT -> "Known, never bought";
                case DefaultStageModel.NEW_CUSTOMER -> "First order less than " + t.newCustomerDays() + " days ago";
                case DefaultStageModel.ACTIVE -> t.activeMinOrders() + " or more orders in the last "
                        + t.activeWindowDays() + " days, or a returning customer who ordered recently";
                case DefaultStageModel.LOYAL -> "Active, and " + t.loyalMinOrders() + " or more orders in the last "
                        + t.activeWindowDays() + " days" + advocacy;
                case DefaultStageModel.AT_RISK -> "No order for " + t.atRiskDays() + " days";
                case DefaultStageModel.LAPSED -> "No order for " + t.lapsedDays() + " days";
                default -> key;
            };
            out.add(new StageInfo(key, displayName(key), description, null));
        }
        return out;
    }

    private String validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "expected a JSON object like {\"definition\": {\"stages\": [...]}}");
        }
        List<Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("definition", "preset", "options").contains(name)) {
                violations.add(new Violation("/" + name,
                        "unknown key \"" + name + "\": expected definition, or preset and options"));
            }
        });
        violations.addAll(StageModelPreset.mixed(body));
        boolean preset = body.has("preset") && !body.has("definition");
        JsonNode definition = preset
                ? StageModelPreset.definition(body.get("preset"), body.get("options"),
                        settings.segmentation().historyDays(), violations)
                : body.get("definition");
        RuleStageModel model = null;
        if (definition == null || definition.isNull()) {
            if (!preset) {
                violations.add(new Violation("/definition", "missing definition: a model like {\"stages\": [...]}, "
                        + "or a preset like {\"preset\": \"hubspot\"}; version 1 is the default model"));
            }
        } else {
            try {
                model = new RuleStageModel(0, definition);
            } catch (RuleException e) {
                violations.addAll(ProblemException.invalidRule("/definition", e).violations());
            }
        }
        if (model != null) {
            JsonNode stages = definition.get("stages");
            for (int index = 0; index < stages.size(); index++) {
                violations.addAll(HistoryLimit.check(stages.get(index).get("when"),
                        "/definition/stages/" + index + "/when", settings.segmentation().historyDays()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "Invalid definition", "The stage model is not valid: "
                    + violations.getFirst().field() + ": " + violations.getFirst().detail(), violations);
        }
        return json(model.toJson());
    }

    private StageModelVersion view(Stored stored) {
        JsonNode definition = stored.definition() == null ? null : read(stored.definition());
        StageModel model = definitions.model(stored.version(), definition);
        return new StageModelVersion(stored.version(), stored.active(), definition, stages(model),
                stored.createdAt());
    }

    private static ProblemException unknown(int version) {
        return ProblemException.notFound("No stage model version " + version);
    }

    /** {@code new_customer} reads "New customer". */
    private static String displayName(String key) {
        String words = key.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static JsonNode read(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored stage model", e);
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
