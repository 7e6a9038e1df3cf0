package org.lifecycle.segmentation.scoring.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobKind;
import org.lifecycle.segmentation.job.service.JobService;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.problem.Violation;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.scoring.ScoreRule;
import org.lifecycle.segmentation.scoring.ScoringPlan;
import org.lifecycle.segmentation.scoring.ScoringPlanParser;
import org.lifecycle.segmentation.scoring.repository.ScoringPlanRepository;
import org.lifecycle.segmentation.scoring.repository.ScoringPlanRepository.Stored;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Scoring plans: every change is stored as a new version of the plan, put in force at once on this replica, and
 * followed by a job that re-scores every profile (so segments and stages that read scores follow, announced on
 * {@code lifecycle.memberships} and {@code lifecycle.transitions}).
 */
@ApplicationScoped
public class ScoringPlanService {

    private final Pool pool;
    private final ScoringPlanRepository repository;
    private final Definitions definitions;
    private final JobService jobs;
    private final SegmentationSettings settings;

    public ScoringPlanService(Pool pool, ScoringPlanRepository repository, Definitions definitions, JobService jobs,
            SegmentationSettings settings) {
        this.pool = pool;
        this.repository = repository;
        this.definitions = definitions;
        this.jobs = jobs;
        this.settings = settings;
    }

    /** Plans changed together and the one job that re-scores every profile under them. */
    public record Batch(List<ScoringPlanView> plans, Job job) {
    }

    /** The plans in force, by key. */
    public Uni<List<ScoringPlanView>> list() {
        return repository.current().map(all -> all.stream().map(stored -> view(stored, null)).toList());
    }

    /** The plan in force under {@code key}; 404 when there is none (never created, or deleted). */
    public Uni<ScoringPlanView> get(String key) {
        return repository.latest(key).map(found -> {
            Stored stored = found.filter(s -> !s.deleted()).orElseThrow(() -> unknown(key));
            return view(stored, null);
        });
    }

    /** Every version of a plan, oldest first, the deletions included. */
    public Uni<List<ScoringPlanView>> versions(String key) {
        return repository.versions(key).map(all -> {
            if (all.isEmpty()) {
                throw unknown(key);
            }
            return all.stream().map(stored -> view(stored, null)).toList();
        });
    }

    public Uni<ScoringPlanView> version(String key, int version) {
        return versions(key).map(all -> all.stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No version " + version + " of scoring plan " + key)));
    }

    /** Creates a plan from its definition (naming its key) and starts the backfill; 409 when the key is in use. */
    public Uni<ScoringPlanView> create(JsonNode body) {
        ScoringPlan plan = read(body, null, "");
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> repository.latest(connection, plan.key()))
                .chain(latest -> {
                    if (latest.isPresent() && !latest.get().deleted()) {
                        return Uni.createFrom().failure(ProblemException.conflict("A scoring plan with key "
                                + plan.key() + " already exists: change it with PUT /api/scoring-plans/"
                                + plan.key()));
                    }
                    return store(connection, plan);
                }))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    /** Stores a new version of a plan and starts the job that re-scores every profile; 404 for an unknown plan. */
    public Uni<ScoringPlanView> update(String key, JsonNode body) {
        ScoringPlan plan = read(body, key, "");
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> repository.latest(connection, key))
                .chain(latest -> latest.isEmpty() || latest.get().deleted()
                        ? Uni.createFrom().<ScoringPlanView>failure(unknown(key))
                        : store(connection, plan)))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    /** Deletes a plan (a version without a definition) and starts the job that takes its score off profiles. */
    public Uni<ScoringPlanView> delete(String key) {
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> repository.latest(connection, key))
                .chain(latest -> {
                    if (latest.isEmpty() || latest.get().deleted()) {
                        return Uni.createFrom().<ScoringPlanView>failure(unknown(key));
                    }
                    return repository.insert(connection, key, null)
                            .chain(stored -> jobs.start(connection, JobKind.SCORING_BACKFILL, Job.SCORING_SUBJECT)
                                    .map(job -> view(stored, job)));
                }))
                .call(definitions::reload)
                .invoke(jobs::wake);
    }

    /**
     * Creates or changes several plans at once, {@code {"plans": [...]}}: each plan whose definition differs from the
     * one in force gets a new version, all in one transaction, followed by one job. Plans not named are left as they
     * are. Every violation of every plan is reported at once, pointed at in the body ({@code /plans/1/rules/0/points}).
     */
    public Uni<Batch> putAll(JsonNode body) {
        List<ScoringPlan> plans = readAll(body);
        return pool.withTransaction(connection -> repository.lock(connection)
                .chain(() -> Multi.createFrom().iterable(plans)
                        .onItem().transformToUniAndConcatenate(plan -> repository.latest(connection, plan.key())
                                .chain(latest -> {
                                    String definition = json(plan.toJson());
                                    if (latest.isPresent() && !latest.get().deleted()
                                            && read(latest.get().definition()).equals(read(definition))) {
                                        return Uni.createFrom().item(new Change(latest.get(), false));
                                    }
                                    return repository.insert(connection, plan.key(), definition)
                                            .map(stored -> new Change(stored, true));
                                }))
                        .collect().asList())
                .chain(changes -> changes.stream().anyMatch(Change::changed)
                        ? jobs.start(connection, JobKind.SCORING_BACKFILL, Job.SCORING_SUBJECT)
                                .map(job -> new Batch(views(changes), job))
                        : Uni.createFrom().item(new Batch(views(changes), null))))
                .call(definitions::reload)
                .invoke(batch -> {
                    if (batch.job() != null) {
                        jobs.wake();
                    }
                });
    }

    private record Change(Stored stored, boolean changed) {
    }

    private List<ScoringPlanView> views(List<Change> changes) {
        return changes.stream().map(change -> view(change.stored(), null)).toList();
    }

    private Uni<ScoringPlanView> store(SqlClient connection, ScoringPlan plan) {
        return repository.insert(connection, plan.key(), json(plan.toJson()))
                .chain(stored -> jobs.start(connection, JobKind.SCORING_BACKFILL, Job.SCORING_SUBJECT)
                        .map(job -> view(stored, job)));
    }

    private List<ScoringPlan> readAll(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "expected a JSON object like {\"plans\": [{\"key\": "
                    + "\"engagement\", ...}]}");
        }
        List<Violation> violations = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("plans")) {
                violations.add(new Violation("/" + name, "unknown key \"" + name + "\": expected plans"));
            }
        });
        JsonNode list = body.get("plans");
        List<ScoringPlan> plans = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            violations.add(new Violation("/plans", "expected a non-empty array of scoring plans"));
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (int index = 0; index < list.size(); index++) {
                String at = "/plans/" + index;
                try {
                    ScoringPlan plan = ScoringPlanParser.parse(list.get(index), null, 0,
                            settings.segmentation().historyDays());
                    Integer earlier = seen.putIfAbsent(plan.key(), index);
                    if (earlier != null) {
                        violations.add(new Violation(at + "/key", "duplicate plan key \"" + plan.key()
                                + "\", already used at /plans/" + earlier));
                    }
                    plans.add(plan);
                } catch (RuleException e) {
                    violations.addAll(ProblemException.invalidRule(at, e).violations());
                }
            }
        }
        refuseIfAny(violations);
        return plans;
    }

    /** Reads one plan, or refuses it with every violation pointed at in the body. */
    private ScoringPlan read(JsonNode body, String pathKey, String pointer) {
        try {
            return ScoringPlanParser.parse(body, pathKey, 0, settings.segmentation().historyDays());
        } catch (RuleException e) {
            refuseIfAny(ProblemException.invalidRule(pointer, e).violations());
            throw e;
        }
    }

    private static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            Violation first = violations.getFirst();
            throw new ProblemException(400, "Invalid definition",
                    "The scoring plan is not valid: " + first.field() + ": " + first.detail(), violations);
        }
    }

    private ScoringPlanView view(Stored stored, Job job) {
        if (stored.deleted()) {
            return new ScoringPlanView(stored.key(), null, null, stored.version(), true, null, List.of(), null,
                    stored.createdAt(), job);
        }
        JsonNode definition = read(stored.definition());
        ScoringPlan plan;
        try {
            plan = ScoringPlanParser.parse(definition, stored.key(), stored.version(), Integer.MAX_VALUE);
        } catch (RuleException e) {
            // Stored under an earlier version of the rules: shown as stored, not described.
            return new ScoringPlanView(stored.key(), definition.path("name").asText(null), null, stored.version(),
                    false, definition, List.of(), null, stored.createdAt(), job);
        }
        return new ScoringPlanView(plan.key(), plan.name(), plan.description(), stored.version(), false, definition,
                plan.rules().stream().map(ScoreRule::describe).toList(), plan.decay().words(), stored.createdAt(),
                job);
    }

    private static ProblemException unknown(String key) {
        return ProblemException.notFound("No scoring plan " + key);
    }

    private static JsonNode read(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored scoring plan", e);
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
