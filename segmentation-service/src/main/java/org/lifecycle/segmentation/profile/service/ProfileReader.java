package org.lifecycle.segmentation.profile.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.profile.repository.ProfileQueries;
import org.lifecycle.segmentation.profile.service.Changes.Identity;
import org.lifecycle.segmentation.profile.service.ProfileFilter.Kind;
import org.lifecycle.segmentation.rfm.RfmGroup;
import org.lifecycle.segmentation.rule.BehaviourSegments;
import org.lifecycle.segmentation.rule.SegmentDefinition;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Profiles, their ledgers and explanations as the REST API shows them. Reads only. */
@ApplicationScoped
public class ProfileReader {

    /** Behaviour segments' names by key; they are constants of the code. */
    private static final Map<String, String> BEHAVIOUR_NAMES = behaviourNames();

    private final ProfileQueries queries;
    private final Definitions definitions;
    private final TimeSweeper time;
    private final int exportPage;

    public ProfileReader(ProfileQueries queries, Definitions definitions, TimeSweeper time,
            SegmentationSettings settings) {
        this.queries = queries;
        this.definitions = definitions;
        this.time = time;
        this.exportPage = settings.segmentation().exportPage();
    }

    /**
     * The filter the query parameters ask for, checked against the definitions in force.
     *
     * @param given the filter parameters present, by name ({@code stage}, {@code rfm}, {@code segment},
     *        {@code userId}, {@code anonymousId}, {@code email}); at most one is allowed
     */
    public ProfileFilter filter(Map<String, String> given) {
        if (given.isEmpty()) {
            return ProfileFilter.EVERYONE;
        }
        List<String> names = new ArrayList<>(given.keySet());
        if (names.size() > 1) {
            throw ProblemException.invalid(names.get(1), "At most one of stage, rfm, segment, userId, anonymousId "
                    + "and email may be given; found " + String.join(" and ", names));
        }
        String name = names.getFirst();
        String value = given.get(name);
        Kind kind = kind(name);
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, name + " must not be empty");
        }
        return switch (kind) {
            case STAGE -> stage(name, value);
            case RFM -> rfm(name, value);
            case SEGMENT -> segment(value);
            default -> new ProfileFilter(kind, value);
        };
    }

    private static Kind kind(String parameter) {
        for (Kind kind : Kind.values()) {
            if (parameter.equals(kind.parameter())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a filter parameter: " + parameter);
    }

    private ProfileFilter stage(String parameter, String stage) {
        List<String> stages = definitions.current().model().stages();
        if (!stages.contains(stage)) {
            throw ProblemException.invalid(parameter,
                    "Unknown stage " + stage + "; the active stage model has " + String.join(", ", stages));
        }
        return new ProfileFilter(Kind.STAGE, stage);
    }

    private static ProfileFilter rfm(String parameter, String group) {
        List<String> groups = rfmGroups();
        if (!groups.contains(group)) {
            throw ProblemException.invalid(parameter,
                    "Unknown RFM group " + group + "; the groups are " + String.join(", ", groups));
        }
        return new ProfileFilter(Kind.RFM, group);
    }

    /** Stage and RFM segments are the profile's own columns, read through their B-tree indexes. */
    private ProfileFilter segment(String key) {
        if (key.startsWith(SegmentRef.STAGE_PREFIX)) {
            return stage(Kind.SEGMENT.parameter(), key.substring(SegmentRef.STAGE_PREFIX.length()));
        }
        if (key.startsWith(SegmentRef.RFM_PREFIX)) {
            return rfm(Kind.SEGMENT.parameter(), key.substring(SegmentRef.RFM_PREFIX.length()));
        }
        Set<String> known = new LinkedHashSet<>();
        definitions.current().segments().forEach(segment -> known.add(segment.ref().key()));
        if (!known.contains(key)) {
            throw ProblemException.invalid(Kind.SEGMENT.parameter(), "Unknown segment " + key
                    + "; use stage.<stage>, rfm.<group>, behaviour.<key> or the key of a segment you defined");
        }
        return new ProfileFilter(Kind.SEGMENT, key);
    }

    private static List<String> rfmGroups() {
        List<String> groups = new ArrayList<>();
        for (RfmGroup group : RfmGroup.values()) {
            groups.add(group.key());
        }
        return groups;
    }

    /**
     * One page of the listing: up to {@code limit} profiles after {@code after} ({@code null} for the first page),
     * and the cursor to the next.
     */
    public Uni<ProfilePage> list(ProfileFilter filter, UUID after, int limit) {
        // One more than asked tells whether another page follows, so the last page says so.
        return queries.page(filter, after == null ? ProfileQueries.FIRST : after, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new ProfilePage(rows, null);
            }
            List<ProfileSummary> items = rows.subList(0, limit);
            return new ProfilePage(List.copyOf(items), ProfileCursor.encode(items.getLast().id()));
        });
    }

    /**
     * Every profile the filter covers, in id order, read a page at a time as the consumer asks for more, so an
     * export of a million profiles never holds more than a page.
     */
    public Multi<List<ProfileSummary>> export(ProfileFilter filter) {
        return Multi.createBy().repeating()
                .uni(ExportPosition::new, position -> queries.page(filter, position.after, exportPage)
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                position.after = page.getLast().id();
                            }
                        }))
                .whilst(page -> page.size() == exportPage)
                .filter(page -> !page.isEmpty());
    }

    /** Where an export has read to. */
    private static final class ExportPosition {
        UUID after = ProfileQueries.FIRST;
    }

    /** The full profile; 404 when there is none. */
    public Uni<ProfileDetails> profile(UUID id) {
        return queries.profile(id).chain(profile -> {
            if (profile == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return queries.identities(id).map(identities -> details(profile, identities));
        });
    }

    private static ProfileDetails details(ProfileRecord profile, Map<String, List<String>> identities) {
        ProfileState state = profile.state;
        List<OrderFact> counted = state.orders();
        int refunded = (int) state.orderHistory.stream().filter(OrderFact::refunded).count();
        ProfileDetails.Orders orders = new ProfileDetails.Orders(counted.size(), state.lifetimeRevenue(),
                state.firstOrderAt(), state.lastOrderAt(), refunded);
        return new ProfileDetails(profile.id, profile.userId,
                new ProfileDetails.Identities(identities.getOrDefault(Identity.USER, List.of()),
                        identities.getOrDefault(Identity.ANONYMOUS, List.of())),
                state.email, state.phone, state.timeZone, state.traits, state.consent, state.firstSeen,
                state.lastSeen, profile.stage, profile.stageSince, profile.previousStage, profile.rfmGroup,
                profile.modelVersion, List.copyOf(profile.segments), state.attributes, state.prediction, state.scores,
                orders,
                profile.nextChangeAt);
    }

    /** The transition ledger, oldest first; 404 when there is no such profile. */
    public Uni<List<TransitionEntry>> transitions(UUID id) {
        return requireProfile(id).chain(() -> queries.transitions(id));
    }

    /** Segment entries and exits, oldest first; 404 when there is no such profile. */
    public Uni<List<MembershipEntry>> memberships(UUID id) {
        return requireProfile(id).chain(() -> queries.memberships(id));
    }

    /**
     * Why the customer is where they are, under the definitions in force at the service's time (the horizon, which
     * history still being applied holds back); 404 when there is no such profile.
     */
    public Uni<ProfileExplanation> explain(UUID id) {
        return queries.profile(id).chain(profile -> {
            if (profile == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return Uni.combine().all().unis(time.horizon(), queries.customSegmentNames()).asTuple()
                    .map(t -> {
                        Map<String, String> names = new HashMap<>(BEHAVIOUR_NAMES);
                        names.putAll(t.getItem2());
                        return ProfileExplainer.explain(profile, definitions.current(), t.getItem1(), names);
                    });
        });
    }

    private Uni<Void> requireProfile(UUID id) {
        return queries.exists(id).chain(exists -> exists
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(notFound(id)));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No profile " + id);
    }

    private static Map<String, String> behaviourNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (SegmentDefinition definition : new BehaviourSegments().definitions()) {
            names.put(SegmentRef.BEHAVIOUR_PREFIX + definition.key(), definition.name());
        }
        return Map.copyOf(names);
    }
}
