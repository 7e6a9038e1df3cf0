package org.lifecycle.segmentation.profile.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.contracts.event.commerce.Product;
import org.lifecycle.contracts.event.email.EmailEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.StageTransition.Cause;
import org.lifecycle.contracts.transition.TransitionType;
import org.lifecycle.segmentation.outbox.OutboxMessage;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.profile.service.Changes.Identity;
import org.lifecycle.segmentation.scoring.NpsAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies events to profiles and moves time forward on them, deciding stages, RFM groups and segments on event time
 * and recording every change with the records that announce it. Pure: it works on profiles already loaded, and
 * what it decides goes into a {@link Changes} that the caller writes in one transaction.
 */
public final class ProfileEngine {

    public static final String PAGE_VIEWED = "Page Viewed";
    public static final String SCREEN_VIEWED = "Screen Viewed";
    /**
     * How ingestion names a customer known only by email (survey and support webhooks): the anonymous id
     * {@code email:} and the address in lower case. An identify call with an email trait names the same identity, so
     * the two join whichever comes first.
     */
    public static final String EMAIL_ID_PREFIX = "email:";
    private static final Set<String> LEAVING_STAGES = Set.of("at_risk", "lapsed");

    private final Classifier classifier;
    private final TopicNames topics;
    private final Instant receivedAt;
    private final Duration history;

    /**
     * @param receivedAt the wall-clock moment of this unit of work, stamped on every record as {@code receivedAt}
     * @param history how far back activity is kept; older hours are pruned
     */
    public ProfileEngine(Classifier classifier, TopicNames topics, Instant receivedAt, Duration history) {
        this.classifier = classifier;
        this.topics = topics;
        this.receivedAt = receivedAt;
        this.history = history;
    }

    /** The profiles and identities a unit of work has loaded, and the profiles it creates. */
    public static final class Workspace {

        final Map<UUID, ProfileRecord> profiles = new HashMap<>();
        final Map<Identity, UUID> identities = new HashMap<>();

        public void add(ProfileRecord profile) {
            profiles.put(profile.id, profile);
        }

        public void link(Identity identity, UUID profileId) {
            identities.put(identity, profileId);
        }

        public ProfileRecord profile(UUID id) {
            return profiles.get(id);
        }

        /** The profile an identity key names (a user id first, else an anonymous id); null when none does. */
        public ProfileRecord resolve(String identityKey) {
            UUID id = identities.get(Identity.user(identityKey));
            if (id == null) {
                id = identities.get(Identity.anonymous(identityKey));
            }
            return id == null ? null : profiles.get(id);
        }
    }

    /** Applies one event to the profile it belongs to, creating or merging profiles as identity requires. */
    public void apply(CustomerEvent event, Workspace workspace, Changes changes) {
        List<Identity> named = withoutForeignEmail(event, identitiesOf(event), workspace);
        List<ProfileRecord> matched = new ArrayList<>();
        for (Identity identity : named) {
            UUID id = workspace.identities.get(identity);
            if (id != null) {
                ProfileRecord profile = workspace.profiles.get(id);
                if (profile != null && !matched.contains(profile)) {
                    matched.add(profile);
                }
            }
        }
        ProfileRecord profile;
        if (matched.isEmpty()) {
            profile = new ProfileRecord(UUID.randomUUID(), event.identityKey(), new ProfileState());
            profile.state.profileId = profile.id.toString();
            profile.created = true;
            workspace.add(profile);
        } else {
            profile = survivor(matched, event);
            advance(profile, event.occurredAt(), changes);
            for (ProfileRecord other : matched) {
                if (other != profile) {
                    merge(other, profile, event, workspace, changes);
                }
            }
        }
        for (Identity identity : linkable(event, named, workspace)) {
            if (!profile.id.equals(workspace.identities.get(identity))) {
                workspace.link(identity, profile.id);
                changes.identities.put(identity, profile.id);
            }
        }
        if (hasText(event.userId())) {
            profile.userId = event.userId();
            profile.identityKey = event.userId();
        }
        record(event, profile.state);
        if (profile.lastEventAt == null || event.occurredAt().isAfter(profile.lastEventAt)) {
            profile.lastEventAt = event.occurredAt();
        }
        Instant at = event.occurredAt();
        if (profile.stage != null && profile.stageSince != null && at.isBefore(profile.stageSince)) {
            // A late event from before the current stage began: decide as of now-in-the-stream, not in the past,
            // so the ledger stays in time order.
            at = profile.stageSince;
        }
        decide(profile, at, Cause.event(event.id(), null), changes);
        changes.touch(profile);
    }

    /** Moves time forward on a profile up to {@code until}: every time-driven change due by then, at its moment. */
    public void advance(ProfileRecord profile, Instant until, Changes changes) {
        int guard = 0;
        while (profile.nextChangeAt != null && !profile.nextChangeAt.isAfter(until) && guard++ < 64) {
            decide(profile, profile.nextChangeAt, Cause.time(null), changes);
            changes.touch(profile);
        }
    }

    /**
     * Takes in the customer's latest prediction as numeric attributes and decides the stage and every segment again
     * at {@code at} (after the time-driven changes due by then), announcing what that changes; the cause is the
     * prediction record. A prediction from an older fit than the profile's changes nothing.
     */
    public void predict(ProfileRecord profile, CustomerPrediction prediction, Instant at, Changes changes) {
        if (!profile.state.predict(prediction)) {
            return;
        }
        advance(profile, at, changes);
        Instant moment = profile.stageSince != null && at.isBefore(profile.stageSince) ? profile.stageSince : at;
        decide(profile, moment, Cause.event(prediction.id(), null), changes);
        changes.touch(profile);
    }

    /**
     * Decides again at {@code at} because a definition changed (a new stage model, a new segment), announcing what
     * that changes.
     */
    public void reevaluate(ProfileRecord profile, Instant at, Cause cause, Changes changes) {
        decide(profile, at, cause, changes);
        changes.touch(profile);
    }

    private void decide(ProfileRecord profile, Instant at, Cause cause, Changes changes) {
        Classification decision = classifier.classify(profile.state, at);
        String stage = decision.stage().stage();
        if (!stage.equals(profile.stage)) {
            String from = profile.stage;
            boolean reactivation = from != null && LEAVING_STAGES.contains(from) && !LEAVING_STAGES.contains(stage);
            Cause announced = new Cause(cause.kind(), cause.eventId(), decision.stage().rule());
            StageTransition transition = new StageTransition(UUID.randomUUID().toString(), at, receivedAt,
                    profile.id.toString(), profile.identityKey, from, stage, at, announced, classifier.modelVersion(),
                    reactivation);
            changes.transitions.add(transition);
            changes.outbox.add(OutboxMessage.of(topics.transitions(), transition));
            profile.previousStage = from;
            profile.stage = stage;
            profile.stageSince = at;
        }
        profile.modelVersion = classifier.modelVersion();
        profile.rfmGroup = decision.rfmGroup();
        profile.state.stage = profile.stage;
        profile.state.stageSince = profile.stageSince;
        profile.state.rfmGroup = decision.rfmGroup();
        Set<String> now = decision.segments().keySet();
        for (String key : List.copyOf(profile.segments)) {
            if (!now.contains(key)) {
                announceMembership(profile, classifier.segment(key), false, at,
                        "no longer: " + exitReason(key, decision), changes);
            }
        }
        for (Map.Entry<String, Classification.Segment> entry : decision.segments().entrySet()) {
            if (!profile.segments.contains(entry.getKey())) {
                announceMembership(profile, entry.getValue().ref(), true, at, entry.getValue().reason(), changes);
            }
        }
        profile.segments = new LinkedHashSet<>(now);
        Instant next = decision.nextChange();
        profile.nextChangeAt = next == null ? null : (next.isAfter(at) ? next : at.plusSeconds(1));
    }

    private static String exitReason(String key, Classification decision) {
        if (key.startsWith(SegmentRef.STAGE_PREFIX)) {
            return decision.stage().rule();
        }
        if (key.startsWith(SegmentRef.RFM_PREFIX)) {
            return decision.rfmRule() == null ? "no order" : decision.rfmRule();
        }
        return key;
    }

    private void announceMembership(ProfileRecord profile, SegmentRef segment, boolean entered, Instant at,
            String reason, Changes changes) {
        MembershipChange change = new MembershipChange(UUID.randomUUID().toString(),
                entered ? MembershipChangeType.SEGMENT_ENTERED : MembershipChangeType.SEGMENT_EXITED,
                MembershipChange.VERSION, at, receivedAt, profile.id.toString(), profile.identityKey, segment.id(),
                segment.key(), segment.kind(), entered, reason == null ? segment.key() : reason);
        changes.memberships.add(change);
        changes.outbox.add(OutboxMessage.of(topics.memberships(), change));
    }

    /**
     * Merges {@code loser} into {@code survivor}: facts combined, the loser's identities and history moved, its
     * segments exited, its stage decided again on the survivor, and the merge announced on
     * {@code lifecycle.transitions}.
     */
    private void merge(ProfileRecord loser, ProfileRecord survivor, CustomerEvent event, Workspace workspace,
            Changes changes) {
        advance(loser, event.occurredAt(), changes);
        for (String key : loser.segments) {
            announceMembership(loser, classifier.segment(key), false, event.occurredAt(),
                    "merged into profile " + survivor.id, changes);
        }
        survivor.state.absorb(loser.state);
        if (survivor.userId == null && loser.userId != null) {
            survivor.userId = loser.userId;
            survivor.identityKey = loser.userId;
        }
        workspace.identities.replaceAll((identity, id) -> {
            if (id.equals(loser.id)) {
                changes.identities.put(identity, survivor.id);
                return survivor.id;
            }
            return id;
        });
        workspace.profiles.remove(loser.id);
        changes.profiles.remove(loser.id);
        changes.merged.put(loser.id, survivor.id);
        Instant at = survivor.stageSince != null && event.occurredAt().isBefore(survivor.stageSince)
                ? survivor.stageSince
                : event.occurredAt();
        decide(survivor, at, Cause.merge(event.id(), null), changes);
        StageTransition merged = new StageTransition(UUID.randomUUID().toString(), TransitionType.PROFILE_MERGED,
                StageTransition.VERSION, at, receivedAt, survivor.id.toString(), survivor.identityKey, loser.stage,
                survivor.stage, survivor.stageSince == null ? at : survivor.stageSince,
                Cause.merge(event.id(), "identity: " + describeJoin(event)), classifier.modelVersion(), false,
                loser.id.toString());
        changes.transitions.add(merged);
        changes.outbox.add(OutboxMessage.of(topics.transitions(), merged));
        changes.touch(survivor);
    }

    private static String describeJoin(CustomerEvent event) {
        if (event.type() == MessageType.ALIAS) {
            return "alias of " + event.previousId() + " to " + event.userId();
        }
        Identity email = emailIdentity(event);
        String anonymous = hasText(event.anonymousId()) ? event.anonymousId() : null;
        String others = email == null || email.value().equals(anonymous)
                ? anonymous
                : anonymous == null ? email.value() : anonymous + ", " + email.value();
        return event.type().wireName() + " joined " + others + " and " + event.userId();
    }

    /**
     * The identities to point at the event's profile: all it names, except that an alias's previous id is linked
     * only in the kind already known (as an anonymous id when neither is), so an alias never invents a user id.
     */
    private static List<Identity> linkable(CustomerEvent event, List<Identity> named, Workspace workspace) {
        if (event.type() != MessageType.ALIAS) {
            return named;
        }
        List<Identity> out = new ArrayList<>();
        boolean previousKnown = false;
        for (Identity identity : named) {
            boolean previous = identity.value().equals(event.previousId())
                    && !identity.value().equals(event.userId()) && !identity.value().equals(event.anonymousId());
            if (!previous) {
                out.add(identity);
            } else if (workspace.identities.containsKey(identity)) {
                out.add(identity);
                previousKnown = true;
            }
        }
        if (!previousKnown) {
            out.add(Identity.anonymous(event.previousId()));
        }
        return out;
    }

    /** The profile that absorbs the others: the one known by the event's user id, else the oldest. */
    private static ProfileRecord survivor(List<ProfileRecord> matched, CustomerEvent event) {
        if (hasText(event.userId())) {
            for (ProfileRecord profile : matched) {
                if (event.userId().equals(profile.userId)) {
                    return profile;
                }
            }
        }
        return matched.stream()
                .min(Comparator.comparing((ProfileRecord p) -> p.userId == null)
                        .thenComparing(p -> p.state.firstSeen == null ? Instant.MAX : p.state.firstSeen))
                .orElseThrow();
    }

    /**
     * The identities an event names, less its email identity when that already belongs to the profile of another
     * user id: an address two accounts share (a family, a team) joins neither to the other; it stays with the first.
     */
    private static List<Identity> withoutForeignEmail(CustomerEvent event, List<Identity> named, Workspace workspace) {
        Identity email = emailIdentity(event);
        if (email == null || !hasText(event.userId()) || email.value().equals(event.anonymousId())) {
            return named;
        }
        UUID owner = workspace.identities.get(email);
        ProfileRecord other = owner == null ? null : workspace.profiles.get(owner);
        if (other == null || other.userId == null || other.userId.equals(event.userId())) {
            return named;
        }
        List<Identity> out = new ArrayList<>(named);
        out.remove(email);
        return out;
    }

    /** The identity an identify call's email trait names ({@code email:} and the address in lower case), or null. */
    static Identity emailIdentity(CustomerEvent event) {
        if (event.type() != MessageType.IDENTIFY || event.traits() == null) {
            return null;
        }
        JsonNode value = event.traits().get("email");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return Identity.anonymous(EMAIL_ID_PREFIX + value.asText().strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The identities an event names: its user and anonymous ids, for an alias the previous id in both kinds, and for
     * an identify call with an email trait the email identity ({@link #EMAIL_ID_PREFIX}).
     */
    public static List<Identity> identitiesOf(CustomerEvent event) {
        List<Identity> out = new ArrayList<>(3);
        if (hasText(event.userId())) {
            out.add(Identity.user(event.userId()));
        }
        if (hasText(event.anonymousId())) {
            out.add(Identity.anonymous(event.anonymousId()));
        }
        if (event.type() == MessageType.ALIAS && hasText(event.previousId())) {
            out.add(Identity.user(event.previousId()));
            out.add(Identity.anonymous(event.previousId()));
        }
        Identity email = emailIdentity(event);
        if (email != null && !out.contains(email)) {
            out.add(email);
        }
        return out;
    }

    /** Takes the event's facts into the profile. */
    private void record(CustomerEvent event, ProfileState state) {
        Instant at = event.occurredAt();
        state.seen(at);
        switch (event.type()) {
            case IDENTIFY -> state.identify(event.traits(), at);
            case PAGE -> state.activity.record(PAGE_VIEWED, at, Map.of());
            case SCREEN -> state.activity.record(SCREEN_VIEWED, at, Map.of());
            case TRACK -> track(event, state, at);
            default -> {
                // group and alias calls carry no customer facts beyond identity
            }
        }
        state.activity.prune(at.minus(history));
    }

    private static void track(CustomerEvent event, ProfileState state, Instant at) {
        String name = event.event();
        ObjectNode properties = event.properties();
        state.activity.record(name, at, NpsAnswer.withCategory(name, properties, numericProperties(properties)));
        switch (name) {
            case CommerceEvents.ORDER_COMPLETED -> {
                Order order = Order.from(properties);
                String orderId = hasText(order.orderId()) ? order.orderId() : event.id();
                List<String> products = order.products().stream().map(Product::productId)
                        .filter(ProfileEngine::hasText).distinct().toList();
                state.order(new OrderFact(orderId, at, order.value().max(BigDecimal.ZERO), false, products));
            }
            case CommerceEvents.ORDER_REFUNDED -> {
                Order order = Order.from(properties);
                BigDecimal amount = order.revenue() != null || order.total() != null || !order.products().isEmpty()
                        ? order.value()
                        : null;
                state.refund(hasText(order.orderId()) ? order.orderId() : event.id(), amount);
            }
            case EmailEvents.UNSUBSCRIBED -> {
                String channel = properties == null ? null : properties.path("channel").asText(null);
                state.consent(hasText(channel) ? channel : "email", false);
            }
            default -> {
                // every other event is activity only
            }
        }
    }

    private static Map<String, Double> numericProperties(ObjectNode properties) {
        if (properties == null || properties.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        properties.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNumber()) {
                out.put(entry.getKey(), value.asDouble());
            }
        });
        return out;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
