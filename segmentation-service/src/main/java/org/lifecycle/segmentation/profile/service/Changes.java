package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.segmentation.outbox.OutboxMessage;

/** What one unit of work changed, written in one transaction. */
public final class Changes {

    /** Profiles to insert or update, by id. */
    public final Map<UUID, ProfileRecord> profiles = new LinkedHashMap<>();
    /** Identities to point at a profile: {@code kind:value} to profile id. */
    public final Map<Identity, UUID> identities = new LinkedHashMap<>();
    /** Profiles merged into another: loser id to survivor id. */
    public final Map<UUID, UUID> merged = new LinkedHashMap<>();
    public final Set<UUID> deleted = new LinkedHashSet<>();
    public final List<StageTransition> transitions = new ArrayList<>();
    public final List<MembershipChange> memberships = new ArrayList<>();
    public final List<OutboxMessage> outbox = new ArrayList<>();
    /**
     * How far each partition of {@code lifecycle.events} is applied: the event time of its last record applied (in
     * offset order) and the offset after it; empty for work that is not event consumption.
     */
    public final Map<Integer, Watermark> watermarks = new LinkedHashMap<>();

    public void touch(ProfileRecord profile) {
        profiles.put(profile.id, profile);
    }

    /** Notes that the record at {@code position} is applied; {@code eventTime} is null for a dead-lettered one. */
    public void applied(StreamPosition position, Instant eventTime) {
        watermarks.merge(position.partition(), new Watermark(eventTime, position.offset() + 1), Watermark::later);
    }

    /** How far a partition is applied: the event time of its last record applied, and the next offset. */
    public record Watermark(Instant eventTime, long nextOffset) {

        Watermark later(Watermark other) {
            Watermark last = other.nextOffset >= nextOffset ? other : this;
            Watermark first = last == this ? other : this;
            return last.eventTime != null ? last : new Watermark(first.eventTime, last.nextOffset);
        }
    }

    public boolean isEmpty() {
        return profiles.isEmpty() && deleted.isEmpty() && outbox.isEmpty() && watermarks.isEmpty();
    }

    /** An identity a profile answers to. */
    public record Identity(String kind, String value) {

        public static final String USER = "user";
        public static final String ANONYMOUS = "anonymous";

        public static Identity user(String value) {
            return new Identity(USER, value);
        }

        public static Identity anonymous(String value) {
            return new Identity(ANONYMOUS, value);
        }
    }
}
