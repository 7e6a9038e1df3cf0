package org.lifecycle.ingestion.webhook.repository;

import java.time.Instant;
import java.util.UUID;

import org.lifecycle.ingestion.webhook.WebhookKind;

import com.fasterxml.jackson.databind.JsonNode;

/** A stored webhook endpoint: the secret that verifies its requests and the settings that map them to events. */
public record WebhookEndpoint(UUID id, UUID sourceId, WebhookKind kind, String secret, JsonNode settings,
        Instant createdAt, Instant disabledAt) {

    public boolean active() {
        return disabledAt == null;
    }

    @Override
    public String toString() {
        // Never print the secret, whatever logs the record.
        return "WebhookEndpoint[id=" + id + ", sourceId=" + sourceId + ", kind=" + kind + ", active=" + active() + "]";
    }
}
