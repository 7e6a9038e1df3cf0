package org.lifecycle.ingestion.source.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the admin API returns about sources. A plain write key appears only in {@link IssuedKey}, once. */
public final class SourceViews {

    private SourceViews() {
    }

    @Schema(description = "A source and its write keys (shown by prefix only)")
    public record SourceView(UUID id, String name, Instant createdAt, List<KeyView> keys) {
    }

    @Schema(description = "A write key, identified by its first characters")
    public record KeyView(UUID id, String keyPrefix, Instant createdAt, Instant revokedAt, boolean active) {
    }

    @Schema(description = "A newly issued write key: store it now, it is not shown again")
    public record IssuedKey(UUID id, String name, Instant createdAt, String writeKey, String keyPrefix,
            Instant revokedAt) {
    }
}
