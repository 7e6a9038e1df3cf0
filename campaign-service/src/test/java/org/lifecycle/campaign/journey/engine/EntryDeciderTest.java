package org.lifecycle.campaign.journey.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lifecycle.campaign.journey.TestJson.object;
import static org.lifecycle.campaign.journey.engine.Journeys.checkout;
import static org.lifecycle.campaign.journey.engine.Journeys.onCheckout;
import static org.lifecycle.campaign.journey.engine.Journeys.version;

class EntryDeciderTest {

    private static final Instant NOW = Instant.parse("2026-04-10T12:00:00Z");
    private static final String ONE_SEND = "\"steps\": [{\"id\": \"s\", \"type\": \"send\", \"channel\": \"email\", "
            + "\"template\": \"t\"}]";

    private final EntryDecider decider = new EntryDecider(GlobalControl.none(), Duration.ofHours(24));

    private static Contact contact(String key) {
        return Contact.builder(key).email(key + "@example.com").build();
    }

    private EntryDecision decide(JourneyVersion journey, TriggerSignal signal, List<Enrollment> prior) {
        return decider.decide(journey, signal, contact(signal.customerKey()), prior, NOW);
    }

    private static Enrollment entered(EntryDecision decision) {
        assertThat(decision).isInstanceOf(EntryDecision.Enter.class);
        return ((EntryDecision.Enter) decision).enrollment();
    }

    private static SkipReason skipped(EntryDecision decision) {
        assertThat(decision).isInstanceOf(EntryDecision.Skip.class);
        return ((EntryDecision.Skip) decision).reason();
    }

    /** An earlier enrollment of the customer that entered at {@code at} and has left. */
    private static Enrollment finished(JourneyVersion journey, String customer, Instant at) {
        Enrollment begun = Enrollment.begin(journey, checkout(customer, "old-" + at, at, "{}"), Group.TREATMENT, at);
        return begun.exited(ExitReason.COMPLETED, at.plusSeconds(60));
    }

    @Test
    void aMatchingEventEnrollsTheCustomerFromTheEventsTime() {
        JourneyVersion journey = onCheckout("\"goal\": {\"event\": \"Order Completed\", \"within_days\": 7}, "
                + ONE_SEND);
        Instant at = NOW.minusSeconds(90);

        Enrollment enrollment = entered(decide(journey, checkout("anna", "e1", at, "{\"value\": 30}"), List.of()));

        assertThat(enrollment.status()).isEqualTo(EnrollmentStatus.NEW);
        assertThat(enrollment.group()).isEqualTo(Group.TREATMENT);
        assertThat(enrollment.customerKey()).isEqualTo("anna");
        assertThat(enrollment.journeyVersion()).isEqualTo(1);
        assertThat(enrollment.enteredAt()).isEqualTo(at);
        assertThat(enrollment.goalDeadline()).isEqualTo(at.plus(Duration.ofDays(7)));
        assertThat(enrollment.triggerId()).isEqualTo("e1");
        assertThat(enrollment.triggerProperties()).isEqualTo(object("{\"value\": 30}"));
        assertThat(enrollment.wakeAt()).isNull();
    }

    @Test
    void anEventTimeAheadOfTheClockEntersNow() {
        Enrollment enrollment = entered(decide(onCheckout(ONE_SEND),
                checkout("anna", "e1", NOW.plusSeconds(30), "{}"), List.of()));

        assertThat(enrollment.enteredAt()).isEqualTo(NOW);
    }

    @Test
    void theSameTriggerAlwaysGivesTheSameEnrollmentIdWhateverTheVersion() {
        JourneyVersion v1 = onCheckout(ONE_SEND);
        JourneyVersion v2 = new JourneyVersion(v1.definition(), 2);
        TriggerSignal signal = checkout("anna", "e1", NOW, "{}");

        String first = entered(decide(v1, signal, List.of())).enrollmentId();

        assertThat(entered(decide(v1, signal, List.of())).enrollmentId()).isEqualTo(first);
        assertThat(entered(decide(v2, signal, List.of())).enrollmentId()).isEqualTo(first);
        assertThat(entered(decide(v1, checkout("anna", "e2", NOW, "{}"), List.of())).enrollmentId())
                .isNotEqualTo(first);
        assertThat(entered(decide(v1, checkout("bob", "e1", NOW, "{}"), List.of())).enrollmentId())
                .isNotEqualTo(first);
    }

    @Test
    void anEventTriggerWithAConditionEnrollsOnlyWhenItHolds() {
        JourneyVersion journey = version("""
                {"key": "big_carts", "name": "Big carts",
                 "trigger": {"type": "event", "event": "Checkout Started",
                             "where": {"fact": "event.value", "op": "gte", "value": 100}}, %s}""".formatted(ONE_SEND));

        assertThat(decide(journey, checkout("anna", "e1", NOW, "{\"value\": 150}"), List.of()))
                .isInstanceOf(EntryDecision.Enter.class);
        assertThat(skipped(decide(journey, checkout("anna", "e2", NOW, "{\"value\": 40}"), List.of())))
                .isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
        assertThat(skipped(decide(journey, new TriggerSignal.EventOccurred("anna",
                Journeys.event("e3", "Product Viewed", NOW, "{\"value\": 150}")), List.of())))
                .isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
    }

    @Test
    void stageAndSegmentTriggersMatchTheirOwnChangeOnly() {
        JourneyVersion atRisk = version("""
                {"key": "win_back", "name": "n", "trigger": {"type": "stage_entered", "stage": "at_risk"}, %s}"""
                .formatted(ONE_SEND));
        JourneyVersion entered = version("""
                {"key": "champions", "name": "n", "trigger": {"type": "segment_entered", "segment": "rfm.champions"},
                 %s}""".formatted(ONE_SEND));
        JourneyVersion exited = version("""
                {"key": "disengaged", "name": "n",
                 "trigger": {"type": "segment_exited", "segment": "behaviour.engaged"}, %s}""".formatted(ONE_SEND));

        assertThat(decide(atRisk, new TriggerSignal.StageEntered("t1", "anna", NOW, "at_risk"), List.of()))
                .isInstanceOf(EntryDecision.Enter.class);
        assertThat(skipped(decide(atRisk, new TriggerSignal.StageEntered("t2", "anna", NOW, "lapsed"), List.of())))
                .isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
        TriggerSignal champion = new TriggerSignal.SegmentChanged("m1", "anna", NOW, "rfm.champions", true);
        TriggerSignal noLongerChampion = new TriggerSignal.SegmentChanged("m2", "anna", NOW, "rfm.champions", false);
        assertThat(decide(entered, champion, List.of())).isInstanceOf(EntryDecision.Enter.class);
        assertThat(skipped(decide(entered, noLongerChampion, List.of()))).isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
        assertThat(decide(exited, new TriggerSignal.SegmentChanged("m3", "anna", NOW, "behaviour.engaged", false),
                List.of())).isInstanceOf(EntryDecision.Enter.class);
        assertThat(skipped(decide(exited, new TriggerSignal.SegmentChanged("m4", "anna", NOW, "behaviour.engaged",
                true), List.of()))).isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
    }

    @Test
    void aBroadcastRunEnrollsMembersOfItsSegmentInItsOwnJourneyOnly() {
        JourneyVersion newsletter = version("""
                {"key": "newsletter", "name": "n",
                 "trigger": {"type": "broadcast", "segment": "subscribers", "at": "2026-04-10T09:00:00Z"}, %s}"""
                .formatted(ONE_SEND));
        Instant run = Instant.parse("2026-04-10T09:00:00Z");
        Contact member = Contact.builder("anna").segment("subscribers").build();
        Contact stranger = Contact.builder("bob").build();

        EntryDecision enter = decider.decide(newsletter, new TriggerSignal.BroadcastRun("newsletter", "anna", run),
                member, List.of(), NOW);
        EntryDecision notAMember = decider.decide(newsletter, new TriggerSignal.BroadcastRun("newsletter", "bob", run),
                stranger, List.of(), NOW);
        EntryDecision otherJourney = decider.decide(newsletter,
                new TriggerSignal.BroadcastRun("other", "anna", run), member, List.of(), NOW);

        assertThat(entered(enter).triggerId()).isEqualTo("broadcast:newsletter:2026-04-10T09:00:00Z:anna");
        assertThat(skipped(notAMember)).isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
        assertThat(skipped(otherJourney)).isEqualTo(SkipReason.TRIGGER_NOT_MATCHED);
    }

    @Test
    void aOnceJourneyIsNeverEnteredTwice() {
        JourneyVersion journey = onCheckout("\"entry\": {\"type\": \"once\"}, " + ONE_SEND);
        Enrollment yearsAgo = finished(journey, "anna", NOW.minus(Duration.ofDays(1000)));

        EntryDecision decision = decide(journey, checkout("anna", "e9", NOW, "{}"), List.of(yearsAgo));

        assertThat(skipped(decision)).isEqualTo(SkipReason.ENTERED_BEFORE);
    }

    @Test
    void anAgainAfterDaysJourneyIsEnteredAgainOnceTheDaysHavePassedSinceTheLastEntry() {
        JourneyVersion journey = onCheckout("\"entry\": {\"type\": \"again_after_days\", \"days\": 30}, " + ONE_SEND);
        Enrollment recent = finished(journey, "anna", NOW.minus(Duration.ofDays(30)).plusSeconds(1));
        Enrollment old = finished(journey, "anna", NOW.minus(Duration.ofDays(30)));

        EntryDecision tooSoon = decide(journey, checkout("anna", "e9", NOW, "{}"), List.of(old, recent));
        EntryDecision again = decide(journey, checkout("anna", "e9", NOW, "{}"), List.of(old));

        assertThat(skipped(tooSoon)).isEqualTo(SkipReason.TOO_SOON);
        assertThat(((EntryDecision.Skip) tooSoon).detail()).isEqualTo("may enter again from 2026-04-10T12:00:01Z");
        assertThat(again).isInstanceOf(EntryDecision.Enter.class);
    }

    @Test
    void aCustomerStillInTheJourneyDoesNotEnterItAgain() {
        JourneyVersion journey = onCheckout("\"entry\": {\"type\": \"again_after_days\", \"days\": 1}, " + ONE_SEND);
        Enrollment stillIn = entered(decide(journey, checkout("anna", "e1", NOW, "{}"), List.of()));
        Instant fiveDaysLater = NOW.plus(Duration.ofDays(5));

        assertThat(skipped(decider.decide(journey, checkout("anna", "e2", fiveDaysLater, "{}"), contact("anna"),
                List.of(stillIn), fiveDaysLater))).isEqualTo(SkipReason.ALREADY_IN_JOURNEY);
    }

    @Test
    void otherCustomersAndOtherJourneysEnrollmentsDoNotCount() {
        JourneyVersion journey = onCheckout(ONE_SEND);
        Enrollment bobs = finished(journey, "bob", NOW.minus(Duration.ofDays(2)));

        assertThat(decide(journey, checkout("anna", "e1", NOW, "{}"), List.of(bobs)))
                .isInstanceOf(EntryDecision.Enter.class);
    }

    @Test
    void anOldSignalStartsNoJourneySoReplaysAndImportsSendNothing() {
        EntryDecision decision = decide(onCheckout(ONE_SEND),
                checkout("anna", "e1", NOW.minus(Duration.ofHours(25)), "{}"), List.of());

        assertThat(skipped(decision)).isEqualTo(SkipReason.STALE_TRIGGER);
    }

    @Test
    void anErasedCustomerEntersNothing() {
        Contact erased = Contact.builder("anna").deleted().build();

        EntryDecision decision = decider.decide(onCheckout(ONE_SEND), checkout("anna", "e1", NOW, "{}"), erased,
                List.of(), NOW);

        assertThat(skipped(decision)).isEqualTo(SkipReason.CUSTOMER_DELETED);
    }

    @Test
    void theHoldoutTakesItsShareOfCustomersAndKeepsTheSameOnesAcrossVersions() {
        JourneyVersion v1 = onCheckout("\"holdout_percent\": 20, " + ONE_SEND);
        JourneyVersion v2 = new JourneyVersion(v1.definition(), 2);
        int customers = 10_000;
        List<String> heldOut = new ArrayList<>();
        for (int index = 0; index < customers; index++) {
            String customer = "customer-" + index;
            if (entered(decide(v1, checkout(customer, "e" + index, NOW, "{}"), List.of())).group() == Group.HOLDOUT) {
                heldOut.add(customer);
            }
        }

        assertThat(heldOut.size() / (double) customers).isCloseTo(0.20, within(0.015));
        for (String customer : heldOut.subList(0, 100)) {
            assertThat(entered(decide(v2, checkout(customer, "later", NOW, "{}"), List.of())).group())
                    .isEqualTo(Group.HOLDOUT);
        }
    }

    @Test
    void theGlobalControlGroupIsTheSameCustomersInEveryJourneyAndANewSaltDrawsOthers() {
        EntryDecider withControl = new EntryDecider(new GlobalControl(new BigDecimal("10"), "2026"),
                Duration.ofHours(24));
        EntryDecider redrawn = new EntryDecider(new GlobalControl(new BigDecimal("10"), "2027"),
                Duration.ofHours(24));
        JourneyVersion cart = onCheckout("\"holdout_percent\": 50, " + ONE_SEND);
        JourneyVersion welcome = version("""
                {"key": "welcome", "name": "n", "trigger": {"type": "stage_entered", "stage": "prospect"}, %s}"""
                .formatted(ONE_SEND));
        int customers = 10_000;
        int inControl = 0;
        int inBoth = 0;
        for (int index = 0; index < customers; index++) {
            String customer = "customer-" + index;
            Group cartGroup = entered(withControl.decide(cart, checkout(customer, "e", NOW, "{}"), contact(customer),
                    List.of(), NOW)).group();
            Group welcomeGroup = entered(withControl.decide(welcome,
                    new TriggerSignal.StageEntered("t", customer, NOW, "prospect"), contact(customer), List.of(), NOW))
                    .group();
            Group redrawnGroup = entered(redrawn.decide(welcome,
                    new TriggerSignal.StageEntered("t", customer, NOW, "prospect"), contact(customer), List.of(), NOW))
                    .group();
            assertThat(welcomeGroup == Group.GLOBAL_CONTROL).isEqualTo(cartGroup == Group.GLOBAL_CONTROL);
            if (welcomeGroup == Group.GLOBAL_CONTROL) {
                inControl++;
                if (redrawnGroup == Group.GLOBAL_CONTROL) {
                    inBoth++;
                }
            }
        }

        assertThat(inControl / (double) customers).isCloseTo(0.10, within(0.01));
        // An independent draw of 10% keeps about 10% of the old group.
        assertThat(inBoth / (double) inControl).isCloseTo(0.10, within(0.03));
    }

    @Test
    void recordsFromTheTopicsBecomeSignals() {
        StageTransition changed = new StageTransition("t1", NOW, NOW, "p1", "anna", "active", "at_risk", NOW,
                StageTransition.Cause.time("at_risk: no order for 90 days"), 1, false);
        StageTransition merged = new StageTransition("t2", TransitionType.PROFILE_MERGED, StageTransition.VERSION, NOW,
                NOW, "p1", "anna", "active", "active", NOW, StageTransition.Cause.merge("e1", "merge"), 1, false, "p2");
        MembershipChange left = new MembershipChange("m1", MembershipChangeType.SEGMENT_EXITED,
                MembershipChange.VERSION, NOW, NOW, "p1", "anna", "behaviour.engaged", "behaviour.engaged",
                SegmentKind.BEHAVIOUR, false, "no activity for 30 days");
        CustomerEvent track = CustomerEvent.builder(MessageType.TRACK, "web", "msg-1").userId("anna")
                .event("Checkout Started").occurredAt(NOW).receivedAt(NOW).properties(object("{\"value\": 10}"))
                .build();
        CustomerEvent page = CustomerEvent.builder(MessageType.PAGE, "web", "msg-2").anonymousId("device-1")
                .occurredAt(NOW).receivedAt(NOW).build();
        CustomerEvent identify = CustomerEvent.builder(MessageType.IDENTIFY, "web", "msg-3").userId("anna")
                .occurredAt(NOW).receivedAt(NOW).build();

        assertThat(TriggerSignal.of(changed)).contains(new TriggerSignal.StageEntered("t1", "anna", NOW, "at_risk"));
        assertThat(TriggerSignal.of(merged)).isEmpty();
        assertThat(TriggerSignal.of(left))
                .isEqualTo(new TriggerSignal.SegmentChanged("m1", "anna", NOW, "behaviour.engaged", false));
        TriggerSignal fromTrack = TriggerSignal.of(track).orElseThrow();
        assertThat(fromTrack.customerKey()).isEqualTo("anna");
        assertThat(fromTrack.id()).isEqualTo(track.id());
        assertThat(fromTrack.properties()).isEqualTo(object("{\"value\": 10}"));
        assertThat(((TriggerSignal.EventOccurred) TriggerSignal.of(page).orElseThrow()).event().name())
                .isEqualTo("Page Viewed");
        assertThat(TriggerSignal.of(page).orElseThrow().customerKey()).isEqualTo("device-1");
        assertThat(TriggerSignal.of(identify)).isEmpty();
    }
}
