package org.lifecycle.segmentation.profile.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.transition.StageTransition.Cause;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.ServiceJson;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.outbox.OutboxMessage;
import org.lifecycle.segmentation.outbox.OutboxRelay;
import org.lifecycle.segmentation.outbox.OutboxRepository;
import org.lifecycle.segmentation.profile.repository.ProfileRepository;
import org.lifecycle.segmentation.profile.service.Changes.Identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies events, deletions and the passing of time to profiles, each unit of work in one transaction that also
 * records the processed event ids and appends the announcements to the outbox.
 *
 * <p>
 * The CPU part of a unit of work (reading the facts documents, deciding stages and segments, writing the documents
 * and announcements as JSON) runs on a worker thread between the transaction's statements, never on the event loop,
 * so a batch of hundreds of events does not stall the HTTP API, the health checks or other transactions. The caller
 * still waits for the whole unit of work, so events are applied in order.
 */
@ApplicationScoped
public class ProfileService {

    private final Pool pool;
    private final Vertx vertx;
    private final ProfileRepository profiles;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final Definitions definitions;
    private final SegmentationSettings settings;
    private final TopicNames topics;
    private final Clock clock;

    public ProfileService(Pool pool, Vertx vertx, ProfileRepository profiles, OutboxRepository outbox,
            OutboxRelay relay, Definitions definitions, SegmentationSettings settings, Clock clock) {
        this.pool = pool;
        this.vertx = vertx;
        this.profiles = profiles;
        this.outbox = outbox;
        this.relay = relay;
        this.definitions = definitions;
        this.settings = settings;
        this.topics = new TopicNames(settings.topicPrefix().orElse(""));
        this.clock = clock;
    }

    public TopicNames topics() {
        return topics;
    }

    /**
     * Applies events in order, each at most once: ids already processed are skipped. {@code positions} gives where
     * each event sits in {@code lifecycle.events}, for the stream watermark.
     */
    public Uni<Void> apply(List<CustomerEvent> events, List<StreamPosition> positions) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Identity> named = new LinkedHashSet<>();
        for (CustomerEvent event : events) {
            named.addAll(ProfileEngine.identitiesOf(event));
        }
        Set<String> keys = new LinkedHashSet<>();
        named.forEach(identity -> keys.add(identity.value()));
        // The claim, the identity lookup and the predictions waiting for these identities are one statement; the
        // lookup may name profiles of events already applied, which are then locked for nothing but changed in no
        // way.
        return pool.withTransaction(connection -> profiles
                .claim(connection, events.stream().map(CustomerEvent::id).distinct().toList(), named, keys)
                .chain(claimed -> {
                    Set<String> fresh = claimed.fresh();
                    List<CustomerEvent> toApply = new ArrayList<>();
                    Changes changes = new Changes();
                    for (int i = 0; i < events.size(); i++) {
                        CustomerEvent event = events.get(i);
                        if (fresh.remove(event.id())) {
                            toApply.add(event);
                        }
                        changes.applied(positions.get(i), event.occurredAt());
                    }
                    return applyFresh(connection, toApply, claimed.found(), claimed.predictions(), changes);
                }))
                .invoke(relay::wake);
    }

    private Uni<Void> applyFresh(SqlConnection connection, List<CustomerEvent> events, Map<Identity, UUID> found,
            List<String> pendingJson, Changes changes) {
        List<CustomerPrediction> unclaimed = new ArrayList<>();
        return profiles.lockRows(connection, new LinkedHashSet<>(found.values()))
                .chain(rows -> offload(() -> {
                    List<CustomerPrediction> pending = pendingJson.stream().map(ProfileRepository::prediction)
                            .toList();
                    ProfileEngine.Workspace workspace = new ProfileEngine.Workspace();
                    ProfileRepository.records(rows).forEach(workspace::add);
                    found.forEach(workspace::link);
                    ProfileEngine engine = engine();
                    for (CustomerEvent event : events) {
                        engine.apply(event, workspace, changes);
                    }
                    for (CustomerPrediction prediction : pending) {
                        ProfileRecord profile = workspace.resolve(prediction.customer());
                        if (profile == null) {
                            unclaimed.add(prediction);
                        } else {
                            Instant at = profile.lastEventAt != null && profile.lastEventAt.isBefore(
                                    prediction.fittedAt()) ? profile.lastEventAt : prediction.fittedAt();
                            engine.predict(profile, prediction, at, changes);
                        }
                    }
                    return ProfileRepository.prepare(changes);
                }))
                .chain(writes -> profiles.write(connection, writes))
                .chain(() -> profiles.keepPendingPredictions(connection, unclaimed));
    }

    /**
     * Applies predictions in order, each at most once (by record id): each becomes the numeric attributes of the
     * profile its identity key names, whose stage and segments are decided again at the prediction's fit time, or at
     * {@code horizon} when that is earlier (history still being applied). A prediction for a key no profile answers
     * to is kept until an event names it.
     */
    public Uni<Void> predict(List<CustomerPrediction> predictions, Instant horizon) {
        if (predictions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Identity> named = new LinkedHashSet<>();
        for (CustomerPrediction prediction : predictions) {
            named.add(Identity.user(prediction.customer()));
            named.add(Identity.anonymous(prediction.customer()));
        }
        return pool.withTransaction(connection -> Uni.combine().all()
                .unis(profiles.claimEvents(connection,
                        predictions.stream().map(CustomerPrediction::id).distinct().toList()),
                        profiles.identities(connection, named))
                .asTuple()
                .chain(claimed -> {
                    Set<String> fresh = claimed.getItem1();
                    List<CustomerPrediction> toApply = new ArrayList<>();
                    for (CustomerPrediction prediction : predictions) {
                        if (fresh.remove(prediction.id())) {
                            toApply.add(prediction);
                        }
                    }
                    Map<Identity, UUID> found = claimed.getItem2();
                    List<CustomerPrediction> unknown = new ArrayList<>();
                    return profiles.lockRows(connection, new LinkedHashSet<>(found.values()))
                            .chain(rows -> offload(() -> {
                                ProfileEngine.Workspace workspace = new ProfileEngine.Workspace();
                                ProfileRepository.records(rows).forEach(workspace::add);
                                found.forEach(workspace::link);
                                ProfileEngine engine = engine();
                                Changes changes = new Changes();
                                for (CustomerPrediction prediction : toApply) {
                                    ProfileRecord profile = workspace.resolve(prediction.customer());
                                    if (profile == null) {
                                        unknown.add(prediction);
                                    } else {
                                        Instant at = prediction.fittedAt().isAfter(horizon)
                                                ? horizon
                                                : prediction.fittedAt();
                                        engine.predict(profile, prediction, at, changes);
                                    }
                                }
                                return ProfileRepository.prepare(changes);
                            }))
                            .chain(writes -> profiles.write(connection, writes))
                            .chain(() -> profiles.keepPendingPredictions(connection, unknown));
                }))
                .invoke(relay::wake);
    }

    /**
     * Runs CPU work on a worker thread; the result comes back on the caller's context (the event loop of the
     * transaction's connection). Not ordered: the caller waits for it before anything else of its unit of work.
     */
    private <T> Uni<T> offload(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    /**
     * Puts an event that cannot be applied on the dead-letter topic with the reason, and marks it processed, in one
     * transaction: the partition moves on and the event is neither lost nor applied twice. {@code position} (null for
     * other topics) is where the record sits in {@code lifecycle.events}: the partition counts as applied past it.
     */
    public Uni<Void> deadLetter(String topic, String key, String value, String eventId, String reason,
            StreamPosition position) {
        String dlq = topics.deadLetter(topic);
        OutboxMessage message = new OutboxMessage(dlq, key == null ? "" : key, value,
                Map.of("lifecycle-dlq-reason", reason, "lifecycle-dlq-topic", topic));
        Changes passed = new Changes();
        if (position != null) {
            passed.applied(position, null);
        }
        return pool.withTransaction(connection -> (eventId == null
                ? Uni.createFrom().voidItem()
                : profiles.claimEvents(connection, List.of(eventId)).replaceWithVoid())
                .chain(() -> outbox.append(connection, List.of(message)))
                .chain(() -> profiles.write(connection, ProfileRepository.prepare(passed))))
                .invoke(relay::wake);
    }

    /**
     * Erases every profile the request names (by user id and anonymous id) with its identities, ledger and
     * memberships, and publishes a {@code profile.deleted} tombstone per profile.
     */
    public Uni<Integer> delete(DeletionRequest request) {
        if (request.type() != DeletionType.DELETION_REQUESTED) {
            return Uni.createFrom().item(0);
        }
        List<Identity> identities = new ArrayList<>();
        identities.add(Identity.user(request.userId()));
        if (request.anonymousId() != null && !request.anonymousId().isBlank()) {
            identities.add(Identity.anonymous(request.anonymousId()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return pool.withTransaction(connection -> profiles.claimEvents(connection, List.of(request.id()))
                .chain(fresh -> fresh.isEmpty()
                        ? Uni.createFrom().item(0)
                        : profiles.identities(connection, identities).chain(found -> {
                            Set<UUID> ids = new LinkedHashSet<>(found.values());
                            if (ids.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            List<OutboxMessage> tombstones = new ArrayList<>();
                            for (UUID id : ids) {
                                DeletionRequest deleted = new DeletionRequest(UUID.randomUUID().toString(),
                                        DeletionType.PROFILE_DELETED, DeletionRequest.VERSION, now, now,
                                        request.userId(), request.anonymousId(), request.sourceId(), "segmentation",
                                        id.toString());
                                tombstones.add(OutboxMessage.of(topics.deletions(), deleted));
                            }
                            return connection.preparedQuery("delete from profile where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(UUID[]::new)))
                                    .chain(() -> outbox.append(connection, tombstones))
                                    .replaceWith(ids.size());
                        })))
                .invoke(relay::wake);
    }

    /**
     * Applies the time-driven changes due by {@code horizon} to one batch of profiles, claimed with
     * {@code FOR UPDATE SKIP LOCKED} so replicas never process the same profile.
     *
     * @return how many profiles were swept
     */
    public Uni<Integer> sweep(Instant horizon, int limit) {
        return pool.withTransaction(connection -> profiles.claimDue(connection, horizon, limit).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            return offload(() -> {
                Changes changes = new Changes();
                ProfileEngine engine = engine();
                for (ProfileRecord profile : ProfileRepository.records(rows)) {
                    engine.advance(profile, horizon, changes);
                    changes.touch(profile);
                }
                return ProfileRepository.prepare(changes);
            }).chain(writes -> profiles.write(connection, writes)).replaceWith(rows.size());
        })).invoke(relay::wake);
    }

    /**
     * Decides a page of profiles again under the current definitions at {@code at} (a new stage model or segment),
     * announcing what changes. {@code done} runs in the page's transaction once the page is saved, so that a job's
     * progress commits with the page itself, or neither does.
     *
     * @return the last profile id of the page, {@code null} when there were none
     */
    public Uni<UUID> reevaluatePage(UUID afterId, int limit, Instant at, Cause cause, PageDone done) {
        return pool.withTransaction(connection -> profiles.lockPage(connection, afterId, limit).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            int size = rows.size();
            UUID[] last = new UUID[1];
            return offload(() -> {
                List<ProfileRecord> page = ProfileRepository.records(rows);
                Changes changes = new Changes();
                ProfileEngine engine = engine();
                for (ProfileRecord profile : page) {
                    Instant moment = profile.stageSince != null && at.isBefore(profile.stageSince)
                            ? profile.stageSince
                            : at;
                    engine.advance(profile, moment, changes);
                    engine.reevaluate(profile, moment, cause, changes);
                }
                last[0] = page.getLast().id;
                return ProfileRepository.prepare(changes);
            }).chain(writes -> profiles.write(connection, writes))
                    .chain(() -> done.pageDone(connection, last[0], size))
                    .replaceWith(() -> last[0]);
        })).invoke(relay::wake);
    }

    /** What the caller of {@link #reevaluatePage} records in the page's transaction. */
    @FunctionalInterface
    public interface PageDone {

        /**
         * @param lastId the last profile id of the page, where the next page starts
         * @param size how many profiles the page held
         * @return a failure to roll the page back
         */
        Uni<Void> pageDone(SqlConnection connection, UUID lastId, int size);
    }

    private ProfileEngine engine() {
        return new ProfileEngine(definitions.current(), topics, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                Duration.ofDays(settings.segmentation().historyDays()));
    }

    /** Reads an event record; throws when it is not a valid event (it then goes to the dead-letter topic). */
    public static CustomerEvent decode(String value) {
        return ServiceJson.decode(value, CustomerEvent.class);
    }
}
