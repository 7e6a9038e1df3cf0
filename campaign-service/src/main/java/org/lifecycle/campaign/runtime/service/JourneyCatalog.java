package org.lifecycle.campaign.runtime.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.definition.JourneyDefinition;
import org.lifecycle.campaign.journey.definition.JourneyException;
import org.lifecycle.campaign.journey.definition.JourneyParser;
import org.lifecycle.campaign.journey.definition.JourneyStatus;
import org.lifecycle.campaign.journey.definition.Trigger;
import org.lifecycle.campaign.journey.engine.Enrollment;
import org.lifecycle.campaign.journey.library.ReadyMadeJourneys;
import org.lifecycle.campaign.problem.ProblemException;
import org.lifecycle.campaign.problem.Violation;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.campaign.runtime.repository.EnrollmentRepository;
import org.lifecycle.campaign.runtime.repository.JourneyCounters;
import org.lifecycle.campaign.runtime.repository.JourneyRepository;
import org.lifecycle.campaign.runtime.repository.JourneyRepository.Head;
import org.lifecycle.campaign.runtime.repository.JourneyRepository.StoredVersion;
import org.lifecycle.campaign.runtime.repository.LedgerMessage;
import org.lifecycle.campaign.runtime.repository.SendLedger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Journeys as marketers manage them: every save is checked whole by {@link JourneyParser} and stored as the next
 * version; activate, pause and archive move the status as {@link JourneyStatus#canBecome} allows. Archiving stops
 * the journey's enrollments and suppresses its messages not sent yet.
 */
@ApplicationScoped
public class JourneyCatalog {

    private final Db db;
    private final JourneyRepository journeys;
    private final EnrollmentRepository enrollments;
    private final SendLedger ledger;
    private final JourneyCounters counters;
    private final JourneyRuntime runtime;
    private final Clock clock;

    public JourneyCatalog(Db db, JourneyRepository journeys, EnrollmentRepository enrollments, SendLedger ledger,
            JourneyCounters counters, JourneyRuntime runtime, Clock clock) {
        this.db = db;
        this.journeys = journeys;
        this.enrollments = enrollments;
        this.ledger = ledger;
        this.counters = counters;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** A journey as the API shows it: its head and the definition of its latest version. */
    public record JourneyView(String key, String status, int version, Instant createdAt, Instant updatedAt,
            Instant nextBroadcastAt, JsonNode definition) {
    }

    /** A stored version as the API shows it. */
    public record VersionView(String key, int version, Instant createdAt, JsonNode definition) {
    }

    public List<JourneyView> list() {
        return db.inTransaction(tx -> journeys.heads(tx).stream().map(head -> view(tx, head)).toList());
    }

    public JourneyView get(String key) {
        return db.inTransaction(tx -> view(tx, head(tx, key, false)));
    }

    public JourneyView create(JsonNode json) {
        JourneyDefinition definition = parse(json);
        return db.inTransaction(tx -> {
            if (journeys.head(tx, definition.key(), true).isPresent()) {
                throw ProblemException.conflict("Journey " + definition.key() + " exists; PUT /api/journeys/"
                        + definition.key() + " saves a new version");
            }
            journeys.create(tx, definition.key(), json, clock.instant());
            return view(tx, head(tx, definition.key(), false));
        });
    }

    /** Copies a ready-made journey, under its own key or {@code key}, as a draft. */
    public JourneyView createFromLibrary(String readyMade, String key) {
        if (!ReadyMadeJourneys.KEYS.contains(readyMade)) {
            throw ProblemException.notFound("No ready-made journey " + readyMade + "; there are "
                    + ReadyMadeJourneys.KEYS);
        }
        ObjectNode json = (ObjectNode) ReadyMadeJourneys.json(readyMade);
        if (key != null && !key.isBlank()) {
            json.put("key", key);
        }
        return create(json);
    }

    public JourneyView update(String key, JsonNode json) {
        JourneyDefinition definition = parse(json);
        if (!definition.key().equals(key)) {
            throw ProblemException.invalid("/key", "The key in the body, " + definition.key()
                    + ", is not the journey's key " + key);
        }
        return db.inTransaction(tx -> {
            Head head = head(tx, key, true);
            if (head.status() == JourneyStatus.ARCHIVED) {
                throw ProblemException.conflict("Journey " + key + " is archived");
            }
            JourneyDefinition current = journeys.version(tx, key, head.latestVersion()).definition();
            if (current.trigger() instanceof Trigger.Broadcast != definition.trigger() instanceof Trigger.Broadcast
                    && head.status() != JourneyStatus.DRAFT) {
                throw ProblemException.invalid("/trigger/type",
                        "A journey that ran cannot switch between broadcast and other triggers; create a new one");
            }
            journeys.addVersion(tx, key, json, clock.instant());
            if (head.status() == JourneyStatus.ACTIVE && definition.trigger() instanceof Trigger.Broadcast b) {
                journeys.status(tx, key, JourneyStatus.ACTIVE, b.schedule().nextAfter(clock.instant()),
                        clock.instant());
            }
            return view(tx, head(tx, key, false));
        });
    }

    public JourneyView move(String key, JourneyStatus target) {
        return db.inTransaction(tx -> {
            Head head = head(tx, key, true);
            if (head.status() == target) {
                return view(tx, head);
            }
            if (!head.status().canBecome(target)) {
                throw ProblemException.conflict("Journey " + key + " is " + lower(head.status()) + " and cannot become "
                        + lower(target));
            }
            Instant now = clock.instant();
            Instant nextBroadcast = null;
            if (target == JourneyStatus.ACTIVE
                    && journeys.version(tx, key, head.latestVersion()).definition()
                            .trigger() instanceof Trigger.Broadcast broadcast) {
                nextBroadcast = head.nextBroadcastAt() != null
                        ? head.nextBroadcastAt()
                        : broadcast.schedule().nextAfter(now.minusSeconds(1));
            }
            journeys.status(tx, key, target, nextBroadcast, now);
            if (target == JourneyStatus.ARCHIVED) {
                runtime.stopJourney(tx, key);
            }
            return view(tx, head(tx, key, false));
        });
    }

    public List<VersionView> versions(String key) {
        return db.inTransaction(tx -> {
            head(tx, key, false);
            return journeys.versions(tx, key).stream().map(JourneyCatalog::view).toList();
        });
    }

    public VersionView version(String key, int version) {
        return db.inTransaction(tx -> journeys.stored(tx, key, version).map(JourneyCatalog::view)
                .orElseThrow(() -> ProblemException.notFound("Journey " + key + " has no version " + version)));
    }

    /** The step report of one journey version. */
    public record StepCounts(String stepId, long entered, long waiting, long sent, long failed, long exited) {
    }

    public record VersionReport(int version, long enrolled, Map<String, Long> outcomes, List<StepCounts> steps) {
    }

    public record JourneyReport(String key, List<VersionReport> versions) {
    }

    /**
     * Per version: how many entered the journey; journey-level outcomes ({@code converted:<group>},
     * {@code held_out:<group>}, {@code exit:<reason>}); per step entered, waiting now, sent, failed and exited.
     */
    public JourneyReport report(String key) {
        return db.inTransaction(tx -> {
            head(tx, key, false);
            Map<String, Long> waiting = enrollments.waitingBySteps(tx, key);
            Map<Integer, Map<String, Map<String, Long>>> byVersion = new LinkedHashMap<>();
            for (JourneyCounters.Count count : counters.of(tx, key)) {
                byVersion.computeIfAbsent(count.version(), v -> new LinkedHashMap<>())
                        .computeIfAbsent(count.stepId(), s -> new LinkedHashMap<>())
                        .merge(count.metric(), count.n(), Long::sum);
            }
            for (String versionStep : waiting.keySet()) {
                String[] parts = versionStep.split("\n", 2);
                byVersion.computeIfAbsent(Integer.parseInt(parts[0]), v -> new LinkedHashMap<>())
                        .computeIfAbsent(parts[1], s -> new LinkedHashMap<>());
            }
            List<VersionReport> versions = new ArrayList<>();
            byVersion.forEach((version, steps) -> {
                Map<String, Long> journeyLevel = steps.getOrDefault("", Map.of());
                Map<String, Long> outcomes = new LinkedHashMap<>(journeyLevel);
                outcomes.remove("entered");
                List<StepCounts> stepCounts = new ArrayList<>();
                steps.forEach((step, metrics) -> {
                    if (!step.isEmpty()) {
                        stepCounts.add(new StepCounts(step, metrics.getOrDefault("entered", 0L),
                                waiting.getOrDefault(version + "\n" + step, 0L), metrics.getOrDefault("sent", 0L),
                                metrics.getOrDefault("failed", 0L), metrics.getOrDefault("exited", 0L)));
                    }
                });
                versions.add(new VersionReport(version, journeyLevel.getOrDefault("entered", 0L), outcomes,
                        stepCounts));
            });
            return new JourneyReport(key, versions);
        });
    }

    public List<Enrollment> enrollmentsOf(String customerKey) {
        return db.inTransaction(tx -> enrollments.ofCustomer(tx, customerKey));
    }

    public List<LedgerMessage> messagesOf(String customerKey) {
        return db.inTransaction(tx -> ledger.ofCustomer(tx, customerKey));
    }

    private static JourneyDefinition parse(JsonNode json) {
        try {
            return JourneyParser.parse(json);
        } catch (JourneyException e) {
            List<Violation> violations = e.violations().stream()
                    .map(v -> new Violation(v.pointer().isEmpty() ? "/" : v.pointer(), v.message())).toList();
            throw ProblemException.invalid("The journey is not valid: " + e.violations().size() + " problem(s)",
                    violations);
        }
    }

    private Head head(Tx tx, String key, boolean forUpdate) {
        return journeys.head(tx, key, forUpdate)
                .orElseThrow(() -> ProblemException.notFound("No journey " + key));
    }

    private JourneyView view(Tx tx, Head head) {
        JsonNode definition = journeys.stored(tx, head.key(), head.latestVersion()).orElseThrow().definition();
        return new JourneyView(head.key(), lower(head.status()), head.latestVersion(), head.createdAt(),
                head.updatedAt(), head.nextBroadcastAt(), definition);
    }

    private static VersionView view(StoredVersion stored) {
        return new VersionView(stored.key(), stored.version(), stored.createdAt(), stored.definition());
    }

    private static String lower(JourneyStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
