package org.lifecycle.contracts.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value of {@code lifecycle.events}: one Segment message (identify, track, page, screen, group, alias) as ingestion
 * accepted and enriched it. Field names are Segment's, so that Segment and RudderStack payloads, exports and
 * documentation map onto it unchanged; the free-form objects are kept whole because marketers segment on any trait
 * or property.
 *
 * @param id a name-based UUID of {@code sourceId} and {@code messageId} (see {@link #eventId}), so a retried message
 *        gets the same id and consumers drop it as a duplicate
 * @param occurredAt the client's timestamp corrected for clock skew; lifecycle logic runs on it
 * @param receivedAt when ingestion accepted the message
 * @param sentAt when the client sent the message, by the client's clock; {@code null} if not sent
 * @param originalTimestamp the timestamp the client put on the message, before the skew correction
 * @param sourceId the ingestion source (write key owner) the message came through
 * @param messageId the client's message id, the dedupe key Segment defines
 * @param event the track event name, e.g. {@code Order Completed}; track only
 * @param name the page or screen name
 * @param category the page or screen category
 * @param groupId the account or company a group call ties the customer to
 * @param previousId the identity an alias call merges into {@code userId}
 * @param traits identify and group traits
 * @param properties track, page and screen properties
 * @param context Segment's context object; {@link #typedContext()} reads the common fields
 * @param integrations Segment's per-destination switches, kept for re-export
 */
public record CustomerEvent(
        String id,
        MessageType type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        Instant sentAt,
        Instant originalTimestamp,
        String sourceId,
        String messageId,
        String userId,
        String anonymousId,
        String event,
        String name,
        String category,
        String groupId,
        String previousId,
        ObjectNode traits,
        ObjectNode properties,
        ObjectNode context,
        ObjectNode integrations) implements Envelope {

    public static final int VERSION = 1;

    public CustomerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Envelope.requireVersion(version);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(messageId, "messageId");
        if (isBlank(userId) && isBlank(anonymousId)) {
            throw new IllegalArgumentException("userId or anonymousId is required");
        }
        switch (type) {
            case TRACK -> requireText(event, "event", type);
            case GROUP -> requireText(groupId, "groupId", type);
            case ALIAS -> requireText(previousId, "previousId", type);
            default -> {
            }
        }
    }

    /**
     * The id of the event for a message: the same source and message id always give the same id, so ingestion can
     * retry a publish and consumers still see one event. Source ids never contain a newline, so the separator keeps
     * two different pairs apart. Other languages compute it as an RFC 4122 version 3 UUID of the bytes without a
     * namespace, as Java's {@link UUID#nameUUIDFromBytes} does.
     */
    public static String eventId(String sourceId, String messageId) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(messageId, "messageId");
        return UUID.nameUUIDFromBytes((sourceId + "\n" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A builder that derives {@code id} from the source and message ids, as ingestion does. */
    public static Builder builder(MessageType type, String sourceId, String messageId) {
        return new Builder(type, sourceId, messageId);
    }

    /** The Kafka key: the {@code userId} once known, else the {@code anonymousId}. */
    @Override
    public String identityKey() {
        return isBlank(userId) ? anonymousId : userId;
    }

    /** The common context fields, typed; never {@code null}. */
    public Context typedContext() {
        return Context.of(context);
    }

    /** Whether this is a track call of the given event, e.g. {@code CommerceEvents.ORDER_COMPLETED}. */
    public boolean isTrack(String eventName) {
        return type == MessageType.TRACK && Objects.equals(event, eventName);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void requireText(String value, String field, MessageType type) {
        if (isBlank(value)) {
            throw new IllegalArgumentException(field + " is required on a " + type.wireName() + " event");
        }
    }

    /** Builds an event field by field, since most of its twenty fields are empty for any one type. */
    public static final class Builder {

        private final MessageType type;
        private final String sourceId;
        private final String messageId;
        private Instant occurredAt;
        private Instant receivedAt;
        private Instant sentAt;
        private Instant originalTimestamp;
        private String userId;
        private String anonymousId;
        private String event;
        private String name;
        private String category;
        private String groupId;
        private String previousId;
        private ObjectNode traits;
        private ObjectNode properties;
        private ObjectNode context;
        private ObjectNode integrations;

        private Builder(MessageType type, String sourceId, String messageId) {
            this.type = type;
            this.sourceId = sourceId;
            this.messageId = messageId;
        }

        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder originalTimestamp(Instant originalTimestamp) {
            this.originalTimestamp = originalTimestamp;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder anonymousId(String anonymousId) {
            this.anonymousId = anonymousId;
            return this;
        }

        public Builder event(String event) {
            this.event = event;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder previousId(String previousId) {
            this.previousId = previousId;
            return this;
        }

        public Builder traits(ObjectNode traits) {
            this.traits = traits;
            return this;
        }

        public Builder properties(ObjectNode properties) {
            this.properties = properties;
            return this;
        }

        public Builder context(ObjectNode context) {
            this.context = context;
            return this;
        }

        public Builder integrations(ObjectNode integrations) {
            this.integrations = integrations;
            return this;
        }

        /** The event; fails if a field its type needs is missing. */
        public CustomerEvent build() {
            return new CustomerEvent(eventId(sourceId, messageId), type, VERSION, occurredAt, receivedAt, sentAt,
                    originalTimestamp, sourceId, messageId, userId, anonymousId, event, name, category, groupId,
                    previousId, traits, properties, context, integrations);
        }
    }
}
