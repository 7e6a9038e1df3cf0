package org.lifecycle.contracts.deletion;

import java.time.Instant;
import java.util.Objects;

import org.lifecycle.contracts.Envelope;

/**
 * A value of {@code lifecycle.deletions}: a request to erase a customer, then the tombstone segmentation publishes
 * once it has. It carries identifiers only, never the data being erased.
 *
 * @param occurredAt when the request was made
 * @param receivedAt when the suite recorded it
 * @param userId the customer to erase; also the Kafka key, so the deletion follows the customer's earlier records on
 *        their partition
 * @param anonymousId a device identity to erase as well; {@code null} if none
 * @param sourceId the ingestion source the request is limited to; {@code null} for every source
 * @param requestedBy who asked, for the audit trail (e.g. {@code admin}, {@code customer})
 * @param profileId on {@code profile.deleted}: segmentation's id of the erased profile, so services that keep data
 *        by profile id erase theirs; {@code null} on requests
 */
public record DeletionRequest(
        String id,
        DeletionType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        String userId,
        String anonymousId,
        String sourceId,
        String requestedBy,
        String profileId) implements Envelope {

    public static final int VERSION = 1;

    public DeletionRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    /** The Kafka key: the {@code userId}. */
    @Override
    public String identityKey() {
        return userId;
    }
}
