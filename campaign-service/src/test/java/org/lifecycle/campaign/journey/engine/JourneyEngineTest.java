package org.lifecycle.campaign.journey.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.engine.Effect.Converted;
import org.lifecycle.campaign.journey.engine.Effect.Exited;
import org.lifecycle.campaign.journey.engine.Effect.HeldOut;
import org.lifecycle.campaign.journey.engine.Effect.ScheduleTimer;
import org.lifecycle.campaign.journey.engine.Effect.SendMessage;
import org.lifecycle.campaign.journey.engine.Effect.StepEntered;
import org.lifecycle.campaign.journey.engine.Effect.StepExited;
import org.lifecycle.campaign.journey.offer.OfferTiers;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.contracts.dispatch.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lifecycle.campaign.journey.engine.Journeys.checkout;
import static org.lifecycle.campaign.journey.engine.Journeys.event;
import static org.lifecycle.campaign.journey.engine.Journeys.onCheckout;

class JourneyEngineTest {

    private static final Instant T0 = Instant.parse("2026-04-10T12:00:00Z");
    private static final Contact ANNA = Contact.builder("anna").email("anna@example.com").build();

    private final JourneyEngine engine = new JourneyEngine(new WinBackOffers(OfferTiers.defaults()));

    /** Enrolls {@code customer} at T0 in the treatment group (no holdout, no control) and starts them. */
    private Transition start(JourneyVersion journey, Contact customer, String properties) {
        Enrollment enrollment = Enrollment.begin(journey,
                checkout(customer.customerKey(), "checkout-" + customer.customerKey(), T0, properties),
                Group.TREATMENT, T0);
        return engine.handle(journey, enrollment, new Input.TriggerReceived(), customer, T0);
    }

    private Transition timer(JourneyVersion journey, Transition before, Contact customer, Instant now) {
        return engine.handle(journey, before.enrollment(), new Input.TimerDue(before.enrollment().wakeAt()), customer,
                now);
    }

    private Transition observe(JourneyVersion journey, Transition before, JourneyEvent event, Instant now) {
        return engine.handle(journey, before.enrollment(), new Input.EventObserved(event), ANNA, now);
    }

    private static SendKey key(String step, Enrollment enrollment) {
        return new SendKey(enrollment.journeyKey(), enrollment.journeyVersion(), step, enrollment.customerKey(),
                enrollment.enrollmentId());
    }

    private static SendMessage email(String step, String template, Enrollment enrollment) {
        return new SendMessage(key(step, enrollment), Channel.EMAIL, template, Priority.PROMOTIONAL, null, null, null);
    }

    private static List<SendMessage> sends(Transition transition) {
        return transition.effects().stream().filter(SendMessage.class::isInstance).map(SendMessage.class::cast)
                .toList();
    }

    @Test
    void stepsRunUntilAWaitWhichSchedulesATimerAndTheTimerRunsTheRest() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "first", "type": "send", "channel": "email", "template": "one"},
                          {"id": "pause", "type": "wait", "duration": "P2D"},
                          {"id": "second", "type": "send", "channel": "email", "template": "two"}]""");

        Transition started = start(journey, ANNA, "{}");

        Enrollment waiting = started.enrollment();
        assertThat(started.effects()).containsExactly(new StepEntered("first"), email("first", "one", waiting),
                new StepExited("first", "queued"), new StepEntered("pause"),
                new ScheduleTimer(T0.plus(Duration.ofDays(2)), "pause"));
        assertThat(waiting.status()).isEqualTo(EnrollmentStatus.WAITING);
        assertThat(waiting.waiting()).isEqualTo(new Waiting("pause", T0, T0.plus(Duration.ofDays(2)), null));
        assertThat(waiting.wakeAt()).isEqualTo(T0.plus(Duration.ofDays(2)));

        Transition resumed = timer(journey, started, ANNA, T0.plus(Duration.ofDays(2)));

        assertThat(resumed.effects()).containsExactly(new StepExited("pause", "elapsed"), new StepEntered("second"),
                email("second", "two", waiting), new StepExited("second", "queued"),
                new Exited(ExitReason.COMPLETED, null));
        assertThat(resumed.enrollment().status()).isEqualTo(EnrollmentStatus.EXITED);
        assertThat(resumed.enrollment().exitReason()).isEqualTo(ExitReason.COMPLETED);
        assertThat(resumed.enrollment().exitedAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(resumed.enrollment().wakeAt()).isNull();
    }

    @Test
    void aLateTimerCountsTheNextWaitFromWhenItRanSoMessagesKeepTheirSpacing() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "w1", "type": "wait", "duration": "PT1H"},
                          {"id": "w2", "type": "wait", "duration": "PT1H"}]""");
        Transition started = start(journey, ANNA, "{}");
        Instant threeHoursLate = T0.plus(Duration.ofHours(4));

        Transition resumed = timer(journey, started, ANNA, threeHoursLate);

        assertThat(resumed.enrollment().wakeAt()).isEqualTo(threeHoursLate.plus(Duration.ofHours(1)));
    }

    @Test
    void aTimerThatDoesNotMatchTheEnrollmentsWakeUpChangesNothing() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "pause", "type": "wait", "duration": "PT1H"},
                          {"id": "s", "type": "send", "channel": "email", "template": "t"}]""");
        Transition started = start(journey, ANNA, "{}");
        Instant due = started.enrollment().wakeAt();

        Transition otherMoment = engine.handle(journey, started.enrollment(), new Input.TimerDue(due.minusSeconds(1)),
                ANNA, due);
        Transition early = engine.handle(journey, started.enrollment(), new Input.TimerDue(due), ANNA,
                due.minusSeconds(1));
        Transition done = timer(journey, started, ANNA, due);
        Transition replayed = engine.handle(journey, done.enrollment(), new Input.TimerDue(due), ANNA, due);

        assertThat(otherMoment.unchanged()).isTrue();
        assertThat(otherMoment.enrollment()).isEqualTo(started.enrollment());
        assertThat(early.unchanged()).isTrue();
        assertThat(sends(done)).hasSize(1);
        assertThat(replayed.unchanged()).isTrue();
        assertThat(replayed.enrollment()).isEqualTo(done.enrollment());
    }

    @Test
    void aReplayedTriggerDoesNotRunTheStepsTwice() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "s", "type": "send", "channel": "email", "template": "t"},
                          {"id": "pause", "type": "wait", "duration": "PT1H"}]""");
        Transition started = start(journey, ANNA, "{}");

        Transition again = engine.handle(journey, started.enrollment(), new Input.TriggerReceived(), ANNA, T0);

        assertThat(again.unchanged()).isTrue();
    }

    private static final String WAIT_FOR_ORDER = """
            "steps": [{"id": "wait-for-order", "type": "wait_until", "event": "Order Completed", "timeout": "PT1H",
                       "where": {"fact": "event.revenue", "op": "gt", "value": 0},
                       "on_event": [{"id": "thanks", "type": "send", "channel": "email", "template": "thanks"}],
                       "on_timeout": [{"id": "reminder", "type": "send", "channel": "email", "template": "remind"}]},
                      {"id": "after", "type": "send", "channel": "email", "template": "after"}]""";

    @Test
    void waitUntilTakesTheEventPathWhenTheEventComesInTime() {
        JourneyVersion journey = onCheckout(WAIT_FOR_ORDER);
        Transition started = start(journey, ANNA, "{}");
        assertThat(started.enrollment().waiting().event()).isEqualTo("Order Completed");

        Transition ordered = observe(journey, started,
                event("o1", "Order Completed", T0.plus(Duration.ofMinutes(20)), "{\"revenue\": 80}"),
                T0.plus(Duration.ofMinutes(21)));

        assertThat(ordered.effects()).startsWith(new StepExited("wait-for-order", "event"));
        assertThat(sends(ordered)).extracting(SendMessage::template).containsExactly("thanks", "after");
        assertThat(ordered.enrollment().exitReason()).isEqualTo(ExitReason.COMPLETED);
        Transition lateTimer = engine.handle(journey, ordered.enrollment(),
                new Input.TimerDue(started.enrollment().wakeAt()), ANNA, T0.plus(Duration.ofHours(1)));
        assertThat(lateTimer.unchanged()).isTrue();
    }

    @Test
    void waitUntilTakesTheTimeoutPathWhenTheEventDoesNotCome() {
        JourneyVersion journey = onCheckout(WAIT_FOR_ORDER);
        Transition started = start(journey, ANNA, "{}");

        Transition timedOut = timer(journey, started, ANNA, T0.plus(Duration.ofHours(1)));

        assertThat(timedOut.effects()).startsWith(new StepExited("wait-for-order", "timeout"));
        assertThat(sends(timedOut)).extracting(SendMessage::template).containsExactly("remind", "after");
    }

    @Test
    void waitUntilIgnoresOtherEventsOnesFailingItsConditionAndOnesOutsideItsTime() {
        JourneyVersion journey = onCheckout(WAIT_FOR_ORDER);
        Transition started = start(journey, ANNA, "{}");
        Instant now = T0.plus(Duration.ofMinutes(30));

        assertThat(observe(journey, started, event("v1", "Product Viewed", now, "{}"), now).unchanged()).isTrue();
        assertThat(observe(journey, started, event("o1", "Order Completed", now, "{\"revenue\": 0}"), now)
                .unchanged()).isTrue();
        assertThat(observe(journey, started, event("o2", "Order Completed", T0.minusSeconds(5), "{\"revenue\": 9}"),
                now).unchanged()).isTrue();
        Instant afterTimeout = T0.plus(Duration.ofMinutes(61));
        assertThat(observe(journey, started, event("o3", "Order Completed", afterTimeout, "{\"revenue\": 9}"),
                afterTimeout).unchanged()).isTrue();
    }

    private static final String BRANCH = """
            "steps": [{"id": "big-cart", "type": "branch",
                       "condition": {"any": [{"fact": "event.value", "op": "gte", "value": 100},
                                             {"fact": "segments", "op": "contains", "value": "rfm.champions"}]},
                       "then": [{"id": "free-shipping", "type": "send", "channel": "email", "template": "free"}],
                       "else": [{"id": "plain", "type": "send", "channel": "email", "template": "plain"}]},
                      {"id": "after", "type": "send", "channel": "email", "template": "after"}]""";

    @Test
    void aBranchGoesThenOnTheTriggerEventOrTheContactAndElseOtherwiseThenOnAfterIt() {
        JourneyVersion journey = onCheckout(BRANCH);
        Contact champion = ANNA.toBuilder().segment("rfm.champions").build();

        Transition bigCart = start(journey, ANNA, "{\"value\": 150}");
        Transition championCart = start(journey, champion, "{\"value\": 20}");
        Transition smallCart = start(journey, ANNA, "{\"value\": 20}");

        assertThat(bigCart.effects()).contains(new StepExited("big-cart", "then"));
        assertThat(sends(bigCart)).extracting(SendMessage::template).containsExactly("free", "after");
        assertThat(sends(championCart)).extracting(SendMessage::template).containsExactly("free", "after");
        assertThat(smallCart.effects()).contains(new StepExited("big-cart", "else"));
        assertThat(sends(smallCart)).extracting(SendMessage::template).containsExactly("plain", "after");
    }

    private static final String SPLIT = """
            "steps": [{"id": "subject-test", "type": "split", "variants": [
                        {"key": "a", "weight": 70,
                         "steps": [{"id": "send-a", "type": "send", "channel": "email", "template": "subject_a"}]},
                        {"key": "b", "weight": 30,
                         "steps": [{"id": "send-b", "type": "send", "channel": "email", "template": "subject_b"}]}]},
                      {"id": "after", "type": "send", "channel": "email", "template": "after"}],
            "goal": {"event": "Order Completed", "within_days": 7}""";

    @Test
    void aSplitSharesCustomersByWeight() {
        JourneyVersion journey = onCheckout(SPLIT);
        Map<String, Integer> counts = new HashMap<>();
        int customers = 10_000;
        for (int index = 0; index < customers; index++) {
            Contact customer = Contact.builder("customer-" + index).email("c@example.com").build();
            String variant = start(journey, customer, "{}").enrollment().variants().get("subject-test");
            counts.merge(variant, 1, Integer::sum);
        }

        assertThat(counts.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(counts.get("a") / (double) customers).isCloseTo(0.70, within(0.015));
    }

    @Test
    void aCustomerGetsTheSameVariantEveryTimeAndItsSendsAndConversionCarryIt() {
        JourneyVersion journey = onCheckout(SPLIT);
        String variant = start(journey, ANNA, "{}").enrollment().variants().get("subject-test");

        Enrollment later = Enrollment.begin(journey, checkout("anna", "another-checkout", T0.plus(Duration.ofDays(9)),
                "{}"), Group.TREATMENT, T0.plus(Duration.ofDays(9)));
        Transition again = engine.handle(journey, later, new Input.TriggerReceived(), ANNA,
                T0.plus(Duration.ofDays(9)));

        assertThat(again.enrollment().variants()).containsEntry("subject-test", variant);
        assertThat(again.effects()).contains(new StepExited("subject-test", variant));
        assertThat(sends(again)).extracting(SendMessage::variant).containsExactly(variant, null);
        assertThat(sends(again).getFirst().template()).isEqualTo("subject_" + variant);

        Instant orderAt = T0.plus(Duration.ofDays(10));
        Transition converted = engine.handle(journey, again.enrollment(),
                new Input.EventObserved(event("o1", "Order Completed", orderAt, "{}")), ANNA, orderAt);
        assertThat(converted.effects()).containsExactly(
                new Converted("o1", orderAt, Group.TREATMENT, Map.of("subject-test", variant)),
                new Exited(ExitReason.CONVERTED, null));
    }

    private static final String GOAL_AND_WAIT = """
            "goal": {"event": "Order Completed", "within_days": 7},
            "steps": [{"id": "s1", "type": "send", "channel": "email", "template": "one"},
                      {"id": "pause", "type": "wait", "duration": "P1D"},
                      {"id": "s2", "type": "send", "channel": "email", "template": "two"}]""";

    @Test
    void theGoalConvertsAndExitsWhileTheCustomerWaits() {
        JourneyVersion journey = onCheckout(GOAL_AND_WAIT);
        Transition started = start(journey, ANNA, "{}");
        Instant orderAt = T0.plus(Duration.ofHours(5));

        Transition converted = observe(journey, started, event("o1", "Order Completed", orderAt, "{}"), orderAt);

        assertThat(converted.effects()).containsExactly(new Converted("o1", orderAt, Group.TREATMENT, Map.of()),
                new Exited(ExitReason.CONVERTED, null));
        assertThat(converted.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
        assertThat(timer(journey, started, ANNA, T0.plus(Duration.ofDays(1))).effects()).isNotEmpty();
        assertThat(engine.handle(journey, converted.enrollment(), new Input.TimerDue(T0.plus(Duration.ofDays(1))),
                ANNA, T0.plus(Duration.ofDays(1))).unchanged()).isTrue();
    }

    @Test
    void afterTheStepsTheEnrollmentAwaitsTheGoalUntilItsWindowEnds() {
        JourneyVersion journey = onCheckout(GOAL_AND_WAIT);
        Transition done = timer(journey, start(journey, ANNA, "{}"), ANNA, T0.plus(Duration.ofDays(1)));
        Instant deadline = T0.plus(Duration.ofDays(7));

        assertThat(done.enrollment().status()).isEqualTo(EnrollmentStatus.AWAITING_GOAL);
        assertThat(done.effects()).endsWith(new ScheduleTimer(deadline, null));
        assertThat(done.enrollment().wakeAt()).isEqualTo(deadline);

        Instant orderAt = T0.plus(Duration.ofDays(3));
        Transition converted = observe(journey, done, event("o1", "Order Completed", orderAt, "{}"), orderAt);
        Transition windowEnded = timer(journey, done, ANNA, deadline);

        assertThat(converted.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
        assertThat(windowEnded.effects()).containsExactly(new Exited(ExitReason.GOAL_WINDOW_ENDED, null));
    }

    @Test
    void anEventAtOrBeforeEntryOrAfterTheWindowIsNoConversionAndTheTriggerIsNeverItsOwnGoal() {
        JourneyVersion journey = version("""
                {"key": "post_purchase", "name": "n", "trigger": {"type": "event", "event": "Order Completed"},
                 "goal": {"event": "Order Completed", "within_days": 30},
                 "steps": [{"id": "pause", "type": "wait", "duration": "P40D"}]}""");
        JourneyEvent firstOrder = event("o1", "Order Completed", T0, "{}");
        Enrollment enrollment = Enrollment.begin(journey, new TriggerSignal.EventOccurred(
                "anna", firstOrder), Group.TREATMENT, T0);
        Transition started = engine.handle(journey, enrollment, new Input.TriggerReceived(), ANNA, T0);

        assertThat(observe(journey, started, firstOrder, T0.plusSeconds(1)).unchanged()).isTrue();
        assertThat(observe(journey, started, event("o0", "Order Completed", T0, "{}"), T0.plusSeconds(1))
                .unchanged()).isTrue();
        Instant afterWindow = T0.plus(Duration.ofDays(30));
        assertThat(observe(journey, started, event("o2", "Order Completed", afterWindow, "{}"), afterWindow)
                .unchanged()).isTrue();
        Instant inWindow = T0.plus(Duration.ofDays(29));
        assertThat(observe(journey, started, event("o3", "Order Completed", inWindow, "{}"), inWindow)
                .enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    private static JourneyVersion version(String json) {
        return Journeys.version(json);
    }

    @Test
    void aGoalConditionMustHoldForTheEventToConvert() {
        JourneyVersion journey = onCheckout("""
                "goal": {"event": "Order Completed", "within_days": 7,
                         "where": {"fact": "event.revenue", "op": "gte", "value": 50}},
                "steps": [{"id": "pause", "type": "wait", "duration": "P1D"}]""");
        Transition started = start(journey, ANNA, "{}");
        Instant at = T0.plus(Duration.ofHours(2));

        assertThat(observe(journey, started, event("small", "Order Completed", at, "{\"revenue\": 10}"), at)
                .unchanged()).isTrue();
        assertThat(observe(journey, started, event("big", "Order Completed", at, "{\"revenue\": 60}"), at)
                .enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void anExitStepLeavesTheJourneyThere() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "vip", "type": "branch", "condition": {"fact": "stage", "op": "eq", "value": "loyal"},
                           "then": [{"id": "leave", "type": "exit"}]},
                          {"id": "s", "type": "send", "channel": "email", "template": "t"}]""");
        Contact loyal = ANNA.toBuilder().stage("loyal").build();

        Transition left = start(journey, loyal, "{}");
        Transition stayed = start(journey, ANNA, "{}");

        assertThat(left.effects()).containsExactly(new StepEntered("vip"), new StepExited("vip", "then"),
                new StepEntered("leave"), new Exited(ExitReason.EXIT_STEP, "leave"));
        assertThat(left.enrollment().exitReason()).isEqualTo(ExitReason.EXIT_STEP);
        assertThat(sends(stayed)).hasSize(1);
    }

    @Test
    void aHeldOutCustomerGetsNothingButTheirConversionIsTracked() {
        JourneyVersion journey = onCheckout(GOAL_AND_WAIT);
        Enrollment enrollment = Enrollment.begin(journey, checkout("anna", "c1", T0, "{}"), Group.HOLDOUT, T0);

        Transition heldOut = engine.handle(journey, enrollment, new Input.TriggerReceived(), ANNA, T0);

        assertThat(heldOut.effects()).containsExactly(new HeldOut(Group.HOLDOUT),
                new ScheduleTimer(T0.plus(Duration.ofDays(7)), null));
        assertThat(heldOut.enrollment().status()).isEqualTo(EnrollmentStatus.AWAITING_GOAL);
        Instant orderAt = T0.plus(Duration.ofDays(2));
        assertThat(observe(journey, heldOut, event("o1", "Order Completed", orderAt, "{}"), orderAt).effects())
                .containsExactly(new Converted("o1", orderAt, Group.HOLDOUT, Map.of()),
                        new Exited(ExitReason.CONVERTED, null));
    }

    @Test
    void aHeldOutCustomerOfAJourneyWithoutAGoalLeavesAtOnce() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "s", "type": "send", "channel": "email", "template": "t"}]""");
        Enrollment enrollment = Enrollment.begin(journey, checkout("anna", "c1", T0, "{}"), Group.GLOBAL_CONTROL, T0);

        Transition heldOut = engine.handle(journey, enrollment, new Input.TriggerReceived(), ANNA, T0);

        assertThat(heldOut.effects()).containsExactly(new HeldOut(Group.GLOBAL_CONTROL),
                new Exited(ExitReason.HELD_OUT, null));
    }

    @Test
    void aStoppedEnrollmentExitsAndNothingMovesItAfterwards() {
        JourneyVersion journey = onCheckout(GOAL_AND_WAIT);
        Transition started = start(journey, ANNA, "{}");

        Transition stopped = engine.handle(journey, started.enrollment(), new Input.Stop(ExitReason.CUSTOMER_DELETED),
                ANNA, T0.plusSeconds(10));

        assertThat(stopped.effects()).containsExactly(new Exited(ExitReason.CUSTOMER_DELETED, null));
        assertThat(engine.handle(journey, stopped.enrollment(), new Input.TimerDue(T0.plus(Duration.ofDays(1))), ANNA,
                T0.plus(Duration.ofDays(1))).unchanged()).isTrue();
        assertThat(engine.handle(journey, stopped.enrollment(), new Input.Stop(ExitReason.JOURNEY_ARCHIVED), ANNA,
                T0.plus(Duration.ofDays(1))).unchanged()).isTrue();
    }

    @Test
    void aSendCarriesItsPriorityTheWinBackOfferAndTheProductsToRecommendFrom() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "offer", "type": "send", "channel": "sms", "template": "win_back", "offer": "win_back",
                           "priority": 70, "recommendations": 3}]""");
        Contact valuable = ANNA.toBuilder().attribute("predicted_clv", new BigDecimal("900"))
                .attribute("probability_alive", new BigDecimal("0.1")).build();

        SendMessage sent = sends(start(journey, valuable, """
                {"products": [{"product_id": "p1"}, {"product_id": "p2"}, {"sku": "no-id"}]}""")).getFirst();

        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.priority()).isEqualTo(new Priority(70));
        assertThat(sent.offer().tier()).isEqualTo("high_value_unlikely");
        assertThat(sent.offer().percentOff()).isEqualTo(25);
        assertThat(sent.recommendations()).isEqualTo(new Effect.Recommendations(List.of("p1", "p2"), 3));
    }

    @Test
    void aSunsetStepRetiresTheChannel() {
        JourneyVersion journey = onCheckout("""
                "steps": [{"id": "stop-email", "type": "sunset", "channel": "email"}]""");

        assertThat(start(journey, ANNA, "{}").effects()).containsExactly(new StepEntered("stop-email"),
                new Effect.SunsetChannel(Channel.EMAIL), new StepExited("stop-email", "sunset"),
                new Exited(ExitReason.COMPLETED, null));
    }

    @Test
    void anEnrollmentRunsOnlyOnTheVersionItEntered() {
        JourneyVersion v1 = onCheckout(GOAL_AND_WAIT);
        JourneyVersion v2 = new JourneyVersion(v1.definition(), 2);
        Enrollment onV1 = start(v1, ANNA, "{}").enrollment();

        assertThatThrownBy(() -> engine.handle(v2, onV1, new Input.TimerDue(onV1.wakeAt()), ANNA, onV1.wakeAt()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs on checkout_journey v1, not checkout_journey v2");
    }
}
