package org.lifecycle.ingestion.source.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;
import org.lifecycle.ingestion.source.repository.Source;
import org.lifecycle.ingestion.source.repository.SourceRepository;
import org.lifecycle.ingestion.source.repository.WriteKey;
import org.lifecycle.ingestion.source.service.SourceViews.IssuedKey;
import org.lifecycle.ingestion.source.service.SourceViews.KeyView;
import org.lifecycle.ingestion.source.service.SourceViews.SourceView;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Creates sources and issues, rotates and revokes their write keys. Every change reloads the key registry. */
@ApplicationScoped
public class SourceService {

    private final SourceRepository sources;
    private final WriteKeyRegistry registry;
    private final Clock clock;

    public SourceService(SourceRepository sources, WriteKeyRegistry registry, Clock clock) {
        this.sources = sources;
        this.registry = registry;
        this.clock = clock;
    }

    public Uni<IssuedKey> create(String name) {
        return createInTransaction(name.strip()).call(registry::refresh);
    }

    @WithTransaction
    Uni<IssuedKey> createInTransaction(String name) {
        Source source = new Source();
        source.id = UUID.randomUUID();
        source.name = name;
        source.createdAt = now();
        return sources.persist(source).flatMap(saved -> issueKey(saved)).invoke(
                issued -> Log.infof("Created source %s (%s) with key %s…", issued.id(), name, issued.keyPrefix()));
    }

    @WithSession
    public Uni<List<SourceView>> list() {
        return sources.listByCreation().flatMap(all -> {
            if (all.isEmpty()) {
                return Uni.createFrom().item(List.<SourceView>of());
            }
            return sources.keysOf(all.stream().map(s -> s.id).toList()).map(keys -> {
                Map<UUID, List<WriteKey>> bySource = keys.stream().collect(Collectors.groupingBy(k -> k.sourceId));
                return all.stream().map(s -> view(s, bySource.getOrDefault(s.id, List.of()))).toList();
            });
        });
    }

    @WithSession
    public Uni<SourceView> get(UUID id) {
        return find(id).flatMap(source -> sources.keysOf(id).map(keys -> view(source, keys)));
    }

    /**
     * Issues a new key and revokes the old ones, at once or after a grace period so that clients can move to the new
     * key without losing events.
     */
    public Uni<IssuedKey> rotate(UUID id, Duration grace) {
        return rotateInTransaction(id, grace).call(registry::refresh);
    }

    @WithTransaction
    Uni<IssuedKey> rotateInTransaction(UUID id, Duration grace) {
        return find(id).flatMap(source -> sources.revokeKeys(id, now().plus(grace)).flatMap(n -> issueKey(source)))
                .invoke(issued -> Log.infof("Rotated the write key of source %s; old keys end in %s", id, grace));
    }

    public Uni<SourceView> revoke(UUID id) {
        return revokeInTransaction(id).call(registry::refresh).flatMap(ignored -> get(id));
    }

    @WithTransaction
    Uni<Integer> revokeInTransaction(UUID id) {
        return find(id).flatMap(source -> sources.revokeKeys(id, now()))
                .invoke(n -> Log.infof("Revoked %d write key(s) of source %s", n, id));
    }

    private Uni<Source> find(UUID id) {
        return sources.findById(id).onItem().ifNull().failWith(() -> ProblemException.field(ProblemType.NOT_FOUND,
                "id", "No source with id " + id));
    }

    private Uni<IssuedKey> issueKey(Source source) {
        String plain = WriteKeys.generate();
        WriteKey key = new WriteKey();
        key.id = UUID.randomUUID();
        key.sourceId = source.id;
        key.keyHash = WriteKeys.hash(plain);
        key.keyPrefix = WriteKeys.displayPrefix(plain);
        key.createdAt = now();
        return key.<WriteKey>persist().map(saved -> new IssuedKey(source.id, source.name, source.createdAt, plain,
                saved.keyPrefix, null));
    }

    private SourceView view(Source source, List<WriteKey> keys) {
        Instant now = now();
        return new SourceView(source.id, source.name, source.createdAt, keys.stream()
                .map(k -> new KeyView(k.id, k.keyPrefix, k.createdAt, k.revokedAt, k.activeAt(now)))
                .toList());
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: truncate so that what we return equals what is stored.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
