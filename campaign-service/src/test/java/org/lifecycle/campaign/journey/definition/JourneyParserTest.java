package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.contracts.dispatch.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.campaign.journey.TestJson.json;

class JourneyParserTest {

    /** A valid journey with one step to put a step, trigger or other field under test into. */
    private static String journey(String fields) {
        return """
                {"key": "test_journey", "name": "Test", "trigger": {"type": "event", "event": "Checkout Started"},
                """ + fields + "}";
    }

    private static String steps(String steps) {
        return journey("\"steps\": [" + steps + "]");
    }

    private static List<JourneyViolation> violations(String text) {
        return catchThrowableOfType(JourneyException.class, () -> JourneyParser.parse(json(text))).violations();
    }

    @Test
    void readsEveryPartOfAJourney() {
        JourneyDefinition journey = JourneyParser.parse(json("""
                {"key": "cart_rescue", "name": "Cart rescue", "description": "Bring carts back",
                 "trigger": {"type": "event", "event": "Checkout Started",
                             "where": {"fact": "event.value", "op": "gte", "value": 20}},
                 "entry": {"type": "again_after_days", "days": 3},
                 "goal": {"event": "Order Completed", "within_days": 7},
                 "holdout_percent": 12.5,
                 "steps": [
                   {"id": "w", "type": "wait_until", "event": "Order Completed", "timeout": "PT1H",
                    "on_timeout": [{"id": "s", "type": "send", "channel": "sms", "template": "cart.sms",
                                    "priority": "transactional"}]},
                   {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "eq", "value": "active"},
                    "then": [{"id": "x", "type": "exit"}]},
                   {"id": "ab", "type": "split", "variants": [
                     {"key": "a", "weight": 2, "steps": [{"id": "e", "type": "send", "channel": "email",
                                                          "template": "t", "priority": 40, "offer": "win_back",
                                                          "recommendations": 4}]},
                     {"key": "control", "weight": 1, "steps": []}]},
                   {"id": "pause", "type": "wait", "duration": "P2DT3H"},
                   {"id": "off", "type": "sunset", "channel": "email"}
                 ]}"""));

        assertThat(journey.key()).isEqualTo("cart_rescue");
        assertThat(journey.description()).isEqualTo("Bring carts back");
        assertThat(journey.trigger()).isInstanceOf(Trigger.OnEvent.class);
        assertThat(((Trigger.OnEvent) journey.trigger()).where()).isNotNull();
        assertThat(journey.entry()).isEqualTo(new EntryRule.AgainAfterDays(3));
        assertThat(journey.goal().event()).isEqualTo("Order Completed");
        assertThat(journey.goal().withinDays()).isEqualTo(7);
        assertThat(journey.holdoutPercent()).isEqualByComparingTo("12.5");
        assertThat(journey.steps()).extracting(Step::id).containsExactly("w", "b", "ab", "pause", "off");

        Step.WaitUntil waitUntil = (Step.WaitUntil) journey.steps().get(0);
        assertThat(waitUntil.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(waitUntil.onEvent()).isEmpty();
        assertThat(waitUntil.onTimeout()).containsExactly(
                new Step.Send("s", Channel.SMS, "cart.sms", Priority.TRANSACTIONAL, null, 0));
        Step.Split split = (Step.Split) journey.steps().get(2);
        assertThat(split.variants()).extracting(Step.Variant::key).containsExactly("a", "control");
        assertThat(split.variant("a").steps()).containsExactly(
                new Step.Send("e", Channel.EMAIL, "t", new Priority(40), OfferKind.WIN_BACK, 4));
        assertThat(split.variant("control").steps()).isEmpty();
        assertThat(journey.steps().get(3)).isEqualTo(new Step.Wait("pause", Duration.ofHours(51)));
        assertThat(journey.steps().get(4)).isEqualTo(new Step.Sunset("off", Channel.EMAIL));
    }

    @Test
    void leavesOutOptionalPartsAsDefaults() {
        JourneyDefinition journey = JourneyParser.parse(json(steps("""
                {"id": "s", "type": "send", "channel": "email", "template": "hello"}""")));

        assertThat(journey.entry()).isEqualTo(new EntryRule.Once());
        assertThat(journey.goal()).isNull();
        assertThat(journey.holdoutPercent()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(((Step.Send) journey.steps().getFirst()).priority()).isEqualTo(Priority.PROMOTIONAL);
    }

    @Test
    void readsEveryTrigger() {
        assertThat(trigger("""
                {"type": "stage_entered", "stage": "at_risk"}""")).isEqualTo(new Trigger.StageEntered("at_risk"));
        assertThat(trigger("""
                {"type": "segment_entered", "segment": "rfm.champions"}"""))
                .isEqualTo(new Trigger.SegmentEntered("rfm.champions"));
        assertThat(trigger("""
                {"type": "segment_exited", "segment": "behaviour.engaged"}"""))
                .isEqualTo(new Trigger.SegmentExited("behaviour.engaged"));
        assertThat(trigger("""
                {"type": "broadcast", "segment": "newsletter", "at": "2026-05-01T09:00:00Z"}"""))
                .isEqualTo(new Trigger.Broadcast("newsletter",
                        new BroadcastSchedule.Once(Instant.parse("2026-05-01T09:00:00Z"))));
        assertThat(trigger("""
                {"type": "broadcast", "segment": "newsletter",
                 "schedule": {"every": "week", "day": "monday", "time": "09:30", "zone": "Europe/London"}}"""))
                .isEqualTo(new Trigger.Broadcast("newsletter", new BroadcastSchedule.Weekly(
                        DayOfWeek.MONDAY, LocalTime.of(9, 30),
                        ZoneId.of("Europe/London"))));
        assertThat(trigger("""
                {"type": "broadcast", "segment": "newsletter", "schedule": {"every": "day", "time": "07:00"}}"""))
                .isEqualTo(new Trigger.Broadcast("newsletter", new BroadcastSchedule.Daily(
                        LocalTime.of(7, 0), ZoneOffset.UTC)));
        assertThat(trigger("""
                {"type": "broadcast", "segment": "newsletter", "schedule": {"every": "month", "day": 1,
                 "time": "10:00", "zone": "America/New_York"}}"""))
                .isEqualTo(new Trigger.Broadcast("newsletter", new BroadcastSchedule.Monthly(1,
                        LocalTime.of(10, 0), ZoneId.of("America/New_York"))));
    }

    private static Trigger trigger(String trigger) {
        return JourneyParser.parse(json("""
                {"key": "k", "name": "n", "trigger": %s,
                 "steps": [{"id": "s", "type": "send", "channel": "email", "template": "t"}]}""".formatted(trigger)))
                .trigger();
    }

    static Stream<Arguments> oneViolation() {
        String send = "{\"id\": \"s\", \"type\": \"send\", \"channel\": \"email\", \"template\": \"t\"}";
        return Stream.of(
                Arguments.of("[]", "", "expected a journey object, found an array"),
                Arguments.of("""
                        {"name": "n", "trigger": {"type": "event", "event": "E"}, "steps": [%s]}""".formatted(send),
                        "/key", "missing key"),
                Arguments.of("""
                        {"key": "Cart Journey", "name": "n", "trigger": {"type": "event", "event": "E"},
                         "steps": [%s]}""".formatted(send),
                        "/key", "expected a lowercase key like cart_abandonment ([a-z][a-z0-9_], at most 64), "
                                + "found \"Cart Journey\""),
                Arguments.of("""
                        {"key": "k", "name": "n", "steps": [%s]}""".formatted(send), "/trigger", "missing trigger"),
                Arguments.of(journey("\"colour\": \"red\", \"steps\": [" + send + "]"), "/colour",
                        "unknown key \"colour\": expected description, entry, goal, holdout_percent, key, name, "
                                + "steps, suppress_while_detractor, suppress_while_ticket_open, trigger"),
                Arguments.of(journey("\"suppress_while_ticket_open\": \"yes\", \"steps\": [" + send + "]"),
                        "/suppress_while_ticket_open", "expected true or false, found a string"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "stage_left", "stage": "active"},
                         "steps": [%s]}""".formatted(send), "/trigger/type",
                        "unknown trigger type \"stage_left\": expected stage_entered, segment_entered, "
                                + "segment_exited, event, broadcast"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "stage_entered", "stage": "At Risk"},
                         "steps": [%s]}""".formatted(send), "/trigger/stage",
                        "expected a stage key like new_customer ([a-z][a-z0-9_], at most 40), found \"At Risk\""),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s"},
                         "steps": [%s]}""".formatted(send), "/trigger/at",
                        "missing at or schedule: when the broadcast runs"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "at": "2026-05-01T09:00:00Z", "schedule": {"every": "day", "time": "09:00"}},
                         "steps": [%s]}""".formatted(send), "/trigger/schedule",
                        "give either at or schedule, not both"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "at": "tomorrow"}, "steps": [%s]}""".formatted(send), "/trigger/at",
                        "expected an ISO-8601 instant like 2026-05-01T09:00:00Z, found \"tomorrow\""),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "schedule": {"every": "week", "day": "someday", "time": "09:00"}},
                         "steps": [%s]}""".formatted(send), "/trigger/schedule/day",
                        "expected a day of the week like monday, found \"someday\""),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "schedule": {"every": "month", "day": 31, "time": "09:00"}},
                         "steps": [%s]}""".formatted(send), "/trigger/schedule/day",
                        "expected a day of the month from 1 to 28, found 31"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "schedule": {"every": "day", "time": "25:00"}}, "steps": [%s]}""".formatted(send),
                        "/trigger/schedule/time", "expected a time of day like 09:00, found \"25:00\""),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "schedule": {"every": "day", "time": "09:00", "zone": "Mars/Olympus"}},
                         "steps": [%s]}""".formatted(send), "/trigger/schedule/zone",
                        "unknown time zone \"Mars/Olympus\": expected an IANA zone like Europe/London"),
                Arguments.of("""
                        {"key": "k", "name": "n", "trigger": {"type": "broadcast", "segment": "s",
                         "schedule": {"every": "hour", "time": "09:00"}}, "steps": [%s]}""".formatted(send),
                        "/trigger/schedule/every", "unknown every \"hour\": expected day, week or month"),
                Arguments.of(journey("\"entry\": {\"type\": \"twice\"}, \"steps\": [" + send + "]"), "/entry/type",
                        "unknown entry type \"twice\": expected once, again_after_days"),
                Arguments.of(journey("\"entry\": {\"type\": \"again_after_days\", \"days\": 0}, \"steps\": ["
                        + send + "]"), "/entry/days", "days must be a whole number from 1 to 3650, found 0"),
                Arguments.of(journey("\"goal\": {\"event\": \"Order Completed\"}, \"steps\": [" + send + "]"),
                        "/goal/within_days", "missing within_days"),
                Arguments.of(journey("\"goal\": {\"event\": \"Order Completed\", \"within_days\": 400}, \"steps\": ["
                        + send + "]"), "/goal/within_days", "within_days must be a whole number from 1 to 365, "
                                + "found 400"),
                Arguments.of(journey("\"holdout_percent\": 100, \"steps\": [" + send + "]"), "/holdout_percent",
                        "holdout_percent must be from 0 to below 100, found 100"),
                Arguments.of(journey("\"holdout_percent\": \"10%\", \"steps\": [" + send + "]"), "/holdout_percent",
                        "expected a number of percent, found a string"),
                Arguments.of(journey("\"holdout_percent\": 0"), "/steps", "missing steps: give at least one step"),
                Arguments.of(steps(""), "/steps", "empty steps: give at least one step"),
                Arguments.of(steps("""
                        {"id": "s", "type": "mail", "channel": "email", "template": "t"}"""), "/steps/0/type",
                        "unknown step type \"mail\": expected send, survey, wait, wait_until, branch, split, exit, sunset"),
                Arguments.of(steps("""
                        {"type": "exit"}"""), "/steps/0/id", "missing id"),
                Arguments.of(steps("""
                        {"id": "Send Now", "type": "exit"}"""), "/steps/0/id",
                        "expected a step id like send-reminder ([a-z0-9][a-z0-9_-], at most 64), found \"Send Now\""),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email"}"""), "/steps/0/template", "missing template"),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "fax", "template": "t"}"""), "/steps/0/channel",
                        "unknown channel \"fax\": expected email, sms, push, webhook"),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email", "template": "t", "priority": "urgent"}"""),
                        "/steps/0/priority",
                        "expected promotional, transactional or a whole number from 1 to 100, found \"urgent\""),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email", "template": "t", "priority": 0}"""),
                        "/steps/0/priority",
                        "expected promotional, transactional or a whole number from 1 to 100, found 0"),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email", "template": "t", "offer": "free_lunch"}"""),
                        "/steps/0/offer", "unknown offer \"free_lunch\": expected win_back"),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email", "template": "t", "recommendations": 20}"""),
                        "/steps/0/recommendations", "recommendations must be a whole number from 1 to 12, found 20"),
                Arguments.of(steps("""
                        {"id": "s", "type": "send", "channel": "email", "template": "t", "delay": "PT1H"}"""),
                        "/steps/0/delay", "unknown key \"delay\": expected channel, endpoint, id, offer, priority, "
                                + "recommendations, template, type"),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait", "duration": "1 hour"}"""), "/steps/0/duration",
                        "expected an ISO-8601 duration like PT1H or P2D, found \"1 hour\""),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait", "duration": "PT30S"}"""), "/steps/0/duration",
                        "duration must be from PT1M to P365D, found PT30S"),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait", "duration": "-PT1H"}"""), "/steps/0/duration",
                        "duration must be from PT1M to P365D, found -PT1H"),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait_until", "event": "Order Completed", "timeout": "P400D"}"""),
                        "/steps/0/timeout", "timeout must be from PT1M to P365D, found P400D"),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait_until", "timeout": "PT1H"}"""), "/steps/0/event", "missing event"),
                Arguments.of(steps("""
                        {"id": "w", "type": "wait_until", "event": "E", "timeout": "PT1H", "on_event": []}"""),
                        "/steps/0/on_event", "empty on_event: leave it out to go straight on after the step"),
                Arguments.of(steps("""
                        {"id": "b", "type": "branch", "then": [{"id": "x", "type": "exit"}]}"""),
                        "/steps/0/condition", "missing condition"),
                Arguments.of(steps("""
                        {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"}}"""),
                        "/steps/0/then", "missing then: give at least one step"),
                Arguments.of(steps("""
                        {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"}, "then": []}"""),
                        "/steps/0/then", "empty then: give at least one step"),
                Arguments.of(steps("""
                        {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"},
                         "then": [{"id": "x", "type": "exit"}], "else": []}"""),
                        "/steps/0/else", "empty else: leave it out to go straight on after the step"),
                Arguments.of(steps("""
                        {"id": "ab", "type": "split", "variants": [{"key": "a", "weight": 1, "steps": []}]}"""),
                        "/steps/0/variants", "a split needs 2 to 10 variants, found 1"),
                Arguments.of(steps("""
                        {"id": "ab", "type": "split", "variants": [{"key": "a", "weight": 1, "steps": []},
                                                                   {"key": "b", "weight": 0, "steps": []}]}"""),
                        "/steps/0/variants/1/weight", "weight must be a positive number, found 0"),
                Arguments.of(steps("""
                        {"id": "ab", "type": "split", "variants": [{"key": "a", "weight": -5, "steps": []},
                                                                   {"key": "b", "weight": 1, "steps": []}]}"""),
                        "/steps/0/variants/0/weight", "weight must be a positive number, found -5"),
                Arguments.of(steps("""
                        {"id": "ab", "type": "split", "variants": [{"key": "a", "weight": 1, "steps": []},
                                                                   {"key": "a", "weight": 1, "steps": []}]}"""),
                        "/steps/0/variants/1/key",
                        "duplicate variant key \"a\": the variant at /steps/0/variants/0 has it"),
                Arguments.of(steps("""
                        {"id": "ab", "type": "split", "variants": [{"key": "a", "weight": 1},
                                                                   {"key": "b", "weight": 1, "steps": []}]}"""),
                        "/steps/0/variants/0/steps", "missing steps: give [] for a variant that gets nothing"),
                Arguments.of(steps("""
                        {"id": "sun", "type": "sunset", "channel": "pigeon"}"""), "/steps/0/channel",
                        "unknown channel \"pigeon\": expected email, sms, push, webhook"),
                Arguments.of(steps("""
                        {"id": "x", "type": "exit", "reason": "done"}"""), "/steps/0/reason",
                        "unknown key \"reason\": expected id, type"),
                Arguments.of(steps("\"send\""), "/steps/0", "expected a step object, found a string"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource
    void oneViolation(String journey, String pointer, String message) {
        assertThat(violations(journey)).containsExactly(new JourneyViolation(pointer, message));
    }

    @Test
    void duplicateStepIdsArePointedAtWhereverTheyAreNested() {
        assertThat(violations(steps("""
                {"id": "reminder", "type": "send", "channel": "email", "template": "t"},
                {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"},
                 "then": [{"id": "reminder", "type": "send", "channel": "sms", "template": "t"}]}""")))
                .containsExactly(new JourneyViolation("/steps/1/then/0/id",
                        "duplicate step id \"reminder\": the step at /steps/0 has it"));
    }

    @Test
    void stepsAfterAnExitAreUnreachable() {
        assertThat(violations(steps("""
                {"id": "x", "type": "exit"},
                {"id": "s", "type": "send", "channel": "email", "template": "t"},
                {"id": "t", "type": "send", "channel": "email", "template": "t"}""")))
                .containsExactly(new JourneyViolation("/steps/1",
                        "unreachable: every way through step \"x\" before it leaves the journey"));
    }

    @Test
    void stepsAfterABranchThatExitsBothWaysAreUnreachable() {
        assertThat(violations(
                steps("""
                        {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"},
                         "then": [{"id": "x1", "type": "exit"}],
                         "else": [{"id": "s", "type": "send", "channel": "email", "template": "t"}, {"id": "x2", "type": "exit"}]},
                        {"id": "after", "type": "send", "channel": "email", "template": "t"}""")))
                .containsExactly(new JourneyViolation("/steps/1",
                        "unreachable: every way through step \"b\" before it leaves the journey"));
    }

    @Test
    void aBranchWithoutElseCanGoOnSoWhatFollowsIsReachable() {
        JourneyDefinition journey = JourneyParser.parse(json(steps("""
                {"id": "b", "type": "branch", "condition": {"fact": "stage", "op": "exists"},
                 "then": [{"id": "x", "type": "exit"}]},
                {"id": "after", "type": "send", "channel": "email", "template": "t"}""")));

        assertThat(journey.steps()).hasSize(2);
    }

    @Test
    void stepsAfterAWaitUntilThatExitsOnBothOutcomesAndASplitThatExitsInEveryVariantAreUnreachable() {
        assertThat(violations(steps("""
                {"id": "w", "type": "wait_until", "event": "E", "timeout": "PT1H",
                 "on_event": [{"id": "x1", "type": "exit"}], "on_timeout": [{"id": "x2", "type": "exit"}]},
                {"id": "after-w", "type": "exit"}""")))
                .containsExactly(new JourneyViolation("/steps/1",
                        "unreachable: every way through step \"w\" before it leaves the journey"));
        assertThat(violations(steps("""
                {"id": "ab", "type": "split", "variants": [
                  {"key": "a", "weight": 1, "steps": [{"id": "x1", "type": "exit"}]},
                  {"key": "b", "weight": 1, "steps": [{"id": "x2", "type": "exit"}]}]},
                {"id": "after-ab", "type": "exit"}""")))
                .containsExactly(new JourneyViolation("/steps/1",
                        "unreachable: every way through step \"ab\" before it leaves the journey"));
    }

    @Test
    void reportsEveryViolationAtOnceWithPointersIntoNestedStepsAndConditions() {
        assertThat(violations("""
                {"key": "k", "name": "",
                 "trigger": {"type": "event", "event": "Checkout Started",
                             "where": {"fact": "event.value", "op": "greater", "value": 1}},
                 "goal": {"event": "Order Completed", "within_days": 7,
                          "where": {"all": [{"fact": "shoe_size", "op": "eq", "value": 42}]}},
                 "steps": [
                   {"id": "w", "type": "wait_until", "event": "Order Completed", "timeout": "PT1H",
                    "on_timeout": [
                      {"id": "s", "type": "send", "channel": "telegram"},
                      {"id": "b", "type": "branch",
                       "condition": {"any": [{"fact": "consent.fax", "op": "eq", "value": true},
                                             {"fact": "trait.", "op": "exists"}]},
                       "then": [{"id": "s", "type": "wait", "duration": "P0D"}]}
                    ]}
                 ]}"""))
                .containsExactly(
                        new JourneyViolation("/name", "name must not be empty"),
                        new JourneyViolation("/trigger/where/op", "unknown op \"greater\": expected eq, neq, gt, "
                                + "gte, lt, lte, in, contains, exists, not_exists"),
                        new JourneyViolation("/goal/where/all/0/fact", "unknown fact \"shoe_size\": expected stage, "
                                + "segments, email, phone, timezone, orders, revenue, trait.<path>, "
                                + "attribute.<name>, consent.<channel> or event.<path>"),
                        new JourneyViolation("/steps/0/on_timeout/0/channel",
                                "unknown channel \"telegram\": expected email, sms, push, webhook"),
                        new JourneyViolation("/steps/0/on_timeout/0/template", "missing template"),
                        new JourneyViolation("/steps/0/on_timeout/1/condition/any/0/fact",
                                "unknown channel in \"consent.fax\": expected consent.email, consent.sms, "
                                        + "consent.push, consent.webhook"),
                        new JourneyViolation("/steps/0/on_timeout/1/condition/any/1/fact",
                                "expected a dotted name after the prefix, like trait.address.city, found \"trait.\""),
                        new JourneyViolation("/steps/0/on_timeout/1/then/0/id",
                                "duplicate step id \"s\": the step at /steps/0/on_timeout/0 has it"),
                        new JourneyViolation("/steps/0/on_timeout/1/then/0/duration",
                                "duration must be from PT1M to P365D, found P0D"));
    }

    @Test
    void theErrorExampleOfTheDocumentationIsRejectedAsDocumented() {
        assertThat(violations("""
                {"key": "k", "name": "n", "trigger": {"type": "event", "event": "Checkout Started"},
                 "steps": [
                   {"id": "w", "type": "wait_until", "event": "Order Completed", "timeout": "PT1H",
                    "on_timeout": [
                      {"id": "s", "type": "send", "channel": "telegram"},
                      {"id": "b", "type": "branch", "condition": {"fact": "consent.fax", "op": "eq", "value": true},
                       "then": [{"id": "s", "type": "wait", "duration": "P0D"}]}]}
                 ]}"""))
                .containsExactly(
                        new JourneyViolation("/steps/0/on_timeout/0/channel",
                                "unknown channel \"telegram\": expected email, sms, push, webhook"),
                        new JourneyViolation("/steps/0/on_timeout/0/template", "missing template"),
                        new JourneyViolation("/steps/0/on_timeout/1/condition/fact",
                                "unknown channel in \"consent.fax\": expected consent.email, consent.sms, "
                                        + "consent.push, consent.webhook"),
                        new JourneyViolation("/steps/0/on_timeout/1/then/0/id",
                                "duplicate step id \"s\": the step at /steps/0/on_timeout/0 has it"),
                        new JourneyViolation("/steps/0/on_timeout/1/then/0/duration",
                                "duration must be from PT1M to P365D, found P0D"));
    }

    @Test
    void pointersEscapeSlashesAndTildesInKeys() {
        assertThat(violations(journey("\"a/b~c\": 1, \"steps\": [{\"id\": \"x\", \"type\": \"exit\"}]")))
                .extracting(JourneyViolation::pointer).containsExactly("/a~1b~0c");
    }

    @Test
    void aJourneyMayHoldAtMostTwoHundredSteps() {
        StringBuilder many = new StringBuilder();
        for (int index = 0; index < JourneyParser.MAX_STEPS + 1; index++) {
            many.append(index == 0 ? "" : ",").append("{\"id\": \"s").append(index)
                    .append("\", \"type\": \"send\", \"channel\": \"email\", \"template\": \"t\"}");
        }
        assertThat(violations(steps(many.toString())))
                .containsExactly(
                        new JourneyViolation("/steps", "the journey has 201 steps, more than the 200 allowed"));
    }

    @Test
    void stepListsNestAtMostTenDeep() {
        String nested = "{\"id\": \"leaf\", \"type\": \"exit\"}";
        for (int depth = 0; depth < JourneyParser.MAX_DEPTH; depth++) {
            nested = "{\"id\": \"b" + depth + "\", \"type\": \"branch\", \"condition\": {\"fact\": \"stage\", "
                    + "\"op\": \"exists\"}, \"then\": [" + nested + "]}";
        }
        List<JourneyViolation> found = violations(steps(nested));

        assertThat(found).hasSize(1);
        assertThat(found.getFirst().message()).isEqualTo("steps nested deeper than 10 levels");
        assertThat(found.getFirst().pointer()).isEqualTo("/steps/0" + "/then/0".repeat(9) + "/then");
    }
}
