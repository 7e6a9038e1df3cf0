package org.lifecycle.ingestion.source.service;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.ingestion.source.repository.ActiveKeyRepository;
import org.lifecycle.ingestion.source.repository.ActiveKeyRepository.ActiveKey;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The write keys that authenticate requests, held in memory so that the tracking hot path never queries the database.
 * Reloaded at start, after every change made through this instance's admin API, and on a timer so that a change made
 * through another replica takes effect within the refresh interval.
 */
@ApplicationScoped
public class WriteKeyRegistry {

    private final ActiveKeyRepository repository;
    private final Clock clock;
    private volatile Map<String, ActiveKey> byHash;

    public WriteKeyRegistry(ActiveKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Start-up waits (on the main thread, never an event loop) until the keys are loaded, retrying briefly if the
     * database is not there yet: an instance that reports started can authenticate every request.
     */
    void onStart(@Observes StartupEvent event) {
        refresh().onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .await().atMost(Duration.ofMinutes(1));
        Log.infof("Loaded %d active write key(s)", size());
    }

    @Scheduled(every = "${lifecycle.ingestion.key-refresh:10s}", delayed = "${lifecycle.ingestion.key-refresh:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshPeriodically() {
        return refresh().onFailure().recoverWithUni(e -> {
            Log.warnf("Could not reload write keys, keeping the %d known: %s", size(), e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> refresh() {
        return repository.activeKeys().invoke(keys -> {
            Map<String, ActiveKey> next = new HashMap<>(keys.size() * 2);
            keys.forEach(key -> next.put(key.keyHash(), key));
            byHash = Map.copyOf(next);
        }).replaceWithVoid();
    }

    /** True once the keys have been loaded; until then no request can be authenticated. */
    public boolean loaded() {
        return byHash != null;
    }

    /** The source a write key belongs to, if the key exists and is not revoked (or is still in its grace period). */
    public Optional<UUID> sourceOf(String writeKey) {
        Map<String, ActiveKey> keys = byHash;
        if (keys == null || writeKey == null || writeKey.isEmpty()) {
            return Optional.empty();
        }
        ActiveKey key = keys.get(WriteKeys.hash(writeKey));
        if (key == null || (key.expiresAt() != null && !key.expiresAt().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(key.sourceId());
    }

    int size() {
        Map<String, ActiveKey> keys = byHash;
        return keys == null ? 0 : keys.size();
    }
}
