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

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.transition.StageTransition.Cause;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.outbox.OutboxMessage;
import org.lifecycle.segmentation.outbox.OutboxRelay;
import org.lifecycle.segmentation.outbox.OutboxRepository;
import org.lifecycle.segmentation.profile.repository.ProfileRepository;
import org.lifecycle.segmentation.profile.service.Changes.Identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies events, deletions and the passing of time to profiles, each unit of work in one transaction that also
 * records the processed event ids and appends the announcements to the outbox.
 */
@ApplicationScoped
public class ProfileService {

    private final Pool pool;
    private final ProfileRepository profiles;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final Definitions definitions;
    private final SegmentationSettings settings;
    private final TopicNames topics;
    private final Clock clock;

    public ProfileService(Pool pool, ProfileRepository profiles, OutboxRepository outbox, OutboxRelay relay,
            Definitions definitions, SegmentationSettings settings, Clock clock) {
        this.pool = pool;
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
     * Applies events in order, each at most once: ids already processed are skipped. {@code partitions} gives the
     * partition of each event, for the stream watermark.
     */
    public Uni<Void> apply(List<CustomerEvent> events, List<Integer> partitions) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> profiles
                .claimEvents(connection, events.stream().map(CustomerEvent::id).distinct().toList())
                .chain(fresh -> {
                    List<CustomerEvent> toApply = new ArrayList<>();
                    Changes changes = new Changes();
                    for (int i = 0; i < events.size(); i++) {
                        CustomerEvent event = events.get(i);
                        if (fresh.remove(event.id())) {
                            toApply.add(event);
                        }
                        changes.watermarks.merge(partitions.get(i), event.occurredAt(),
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                    return applyFresh(connection, toApply, changes);
                }))
                .invoke(relay::wake);
    }

    private Uni<Void> applyFresh(SqlConnection connection, List<CustomerEvent> events, Changes changes) {
        Set<Identity> named = new LinkedHashSet<>();
        for (CustomerEvent event : events) {
            named.addAll(ProfileEngine.identitiesOf(event));
        }
        return profiles.identities(connection, named)
                .chain(found -> profiles.lock(connection, new LinkedHashSet<>(found.values()))
                        .map(loaded -> {
                            ProfileEngine.Workspace workspace = new ProfileEngine.Workspace();
                            loaded.forEach(workspace::add);
                            found.forEach(workspace::link);
                            ProfileEngine engine = engine();
                            for (CustomerEvent event : events) {
                                engine.apply(event, workspace, changes);
                            }
                            return changes;
                        }))
                .chain(c -> profiles.save(connection, c));
    }

    /**
     * Puts an event that cannot be applied on the dead-letter topic with the reason, and marks it processed, in one
     * transaction: the partition moves on and the event is neither lost nor applied twice.
     */
    public Uni<Void> deadLetter(String topic, String key, String value, String eventId, String reason) {
        String dlq = topics.deadLetter(topic);
        OutboxMessage message = new OutboxMessage(dlq, key == null ? "" : key, value,
                Map.of("lifecycle-dlq-reason", reason, "lifecycle-dlq-topic", topic));
        return pool.withTransaction(connection -> (eventId == null
                ? Uni.createFrom().voidItem()
                : profiles.claimEvents(connection, List.of(eventId)).replaceWithVoid())
                .chain(() -> outbox.append(connection, List.of(message))))
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
        return pool.withTransaction(connection -> profiles.claimDue(connection, horizon, limit).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Changes changes = new Changes();
            ProfileEngine engine = engine();
            for (ProfileRecord profile : due) {
                engine.advance(profile, horizon, changes);
                changes.touch(profile);
            }
            return profiles.save(connection, changes).replaceWith(due.size());
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
        return pool.withTransaction(connection -> profiles.lockPage(connection, afterId, limit).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Changes changes = new Changes();
            ProfileEngine engine = engine();
            for (ProfileRecord profile : page) {
                Instant moment = profile.stageSince != null && at.isBefore(profile.stageSince)
                        ? profile.stageSince
                        : at;
                engine.advance(profile, moment, changes);
                engine.reevaluate(profile, moment, cause, changes);
            }
            UUID last = page.getLast().id;
            return profiles.save(connection, changes)
                    .chain(() -> done.pageDone(connection, last, page.size()))
                    .replaceWith(last);
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
        return LifecycleJson.decode(value, CustomerEvent.class);
    }
}
