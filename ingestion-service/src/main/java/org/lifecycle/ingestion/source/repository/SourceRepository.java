package org.lifecycle.ingestion.source.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<Source, UUID> {

    public Uni<List<Source>> listByCreation() {
        return listAll(Sort.by("createdAt").and("id"));
    }

    public Uni<List<WriteKey>> keysOf(UUID sourceId) {
        return WriteKey.list("sourceId = ?1 order by createdAt, id", sourceId);
    }

    public Uni<List<WriteKey>> keysOf(List<UUID> sourceIds) {
        return WriteKey.list("sourceId in ?1 order by createdAt, id", sourceIds);
    }

    /** Revokes every key of the source still active at {@code when}; a key already set to expire earlier keeps that. */
    public Uni<Integer> revokeKeys(UUID sourceId, Instant when) {
        return WriteKey.update("revokedAt = ?1 where sourceId = ?2 and (revokedAt is null or revokedAt > ?1)", when,
                sourceId);
    }
}
