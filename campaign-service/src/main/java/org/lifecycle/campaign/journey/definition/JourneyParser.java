package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.lifecycle.campaign.journey.condition.Condition;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;

import static org.lifecycle.campaign.journey.definition.JourneyViolation.child;

/**
 * Reads the journey language (JOURNEYS.md) from JSON, checking everything: a journey is accepted whole or not at all,
 * and a rejected one comes back with every violation at once, each with a JSON pointer to the place at fault.
 */
public final class JourneyParser {

    /** Most steps in one journey, counting steps inside branches, splits and waits. */
    public static final int MAX_STEPS = 200;

    /** How deep step lists may nest inside branches, splits and waits. */
    public static final int MAX_DEPTH = 10;

    /** The shortest wait: anything shorter is a send, not a journey. */
    public static final Duration MIN_WAIT = Duration.ofMinutes(1);

    /** The longest wait or timeout. */
    public static final Duration MAX_WAIT = Duration.ofDays(365);

    /** The longest goal window. */
    public static final int MAX_GOAL_DAYS = 365;

    /** The longest re-entry interval: ten years. */
    public static final int MAX_AGAIN_AFTER_DAYS = 3650;

    /** Most products one message recommends. */
    public static final int MAX_RECOMMENDATIONS = 12;

    /** Most variants of one split. */
    public static final int MAX_VARIANTS = 10;

    private static final Pattern JOURNEY_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern STAGE_KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final String KEY_SHAPE = "a lowercase key like cart_abandonment ([a-z][a-z0-9_], at most 64)";
    private static final String STEP_ID_SHAPE = "a step id like send-reminder ([a-z0-9][a-z0-9_-], at most 64)";

    private static final List<String> TRIGGERS = List.of("stage_entered", "segment_entered", "segment_exited",
            "event", "broadcast");
    private static final List<String> STEP_TYPES = List.of("send", "survey", "wait", "wait_until", "branch", "split",
            "exit", "sunset");

    /** The named endpoints a webhook message may go to instead of the generic webhook. */
    public static final List<String> ENDPOINTS = List.of("support_desk");

    /** The channels a survey step reaches a person on. */
    private static final List<Channel> SURVEY_CHANNELS = List.of(Channel.EMAIL, Channel.SMS);

    /** The longest form URL: the link adds its hidden fields to it and must stay usable in an SMS and a mail. */
    public static final int MAX_FORM_URL = 1000;
    private static final String CHANNELS = Arrays.stream(Channel.values()).map(Channel::wireName)
            .collect(Collectors.joining(", "));

    private final Violations violations = new Violations();
    /** Every step id seen so far, with the pointer of the step that has it. */
    private final Map<String, String> stepIds = new HashMap<>();
    private int stepCount;

    private JourneyParser() {
    }

    /** Reads a journey, or throws {@link JourneyException} with every violation, pointers relative to {@code json}. */
    public static JourneyDefinition parse(JsonNode json) {
        JourneyParser parser = new JourneyParser();
        JourneyDefinition definition = parser.journey(json);
        parser.violations.throwIfAny();
        return definition;
    }

    private JourneyDefinition journey(JsonNode node) {
        if (node == null || !node.isObject()) {
            violations.add("", "expected a journey object, found " + Violations.typeOf(node));
            return null;
        }
        violations.onlyKeys(node, "", Set.of("key", "name", "description", "trigger", "entry", "goal",
                "holdout_percent", "steps", "suppress_while_ticket_open", "suppress_while_detractor"));
        String key = violations.key(node, "", "key", JOURNEY_KEY, KEY_SHAPE);
        String name = violations.text(node, "", "name");
        String description = violations.optionalText(node, "", "description");
        Trigger trigger = trigger(node.get("trigger"), "/trigger");
        EntryRule entry = node.has("entry") ? entry(node.get("entry"), "/entry") : new EntryRule.Once();
        Goal goal = node.has("goal") ? goal(node.get("goal"), "/goal") : null;
        BigDecimal holdout = node.has("holdout_percent") ? holdout(node.get("holdout_percent")) : BigDecimal.ZERO;
        List<Step> steps = steps(node.get("steps"), "/steps", 0, true);
        boolean ticketRule = flag(node, "suppress_while_ticket_open");
        boolean detractorRule = flag(node, "suppress_while_detractor");
        if (stepCount > MAX_STEPS) {
            violations.add("/steps",
                    "the journey has " + stepCount + " steps, more than the " + MAX_STEPS + " allowed");
        }
        if (violations.count() > 0) {
            return null;
        }
        return new JourneyDefinition(key, name, description, trigger, entry, goal, holdout, steps, ticketRule,
                detractorRule);
    }

    /** A journey's on/off setting, {@code true} unless it says {@code false}. */
    private boolean flag(JsonNode node, String key) {
        JsonNode rule = node.get(key);
        if (rule == null) {
            return true;
        }
        if (!rule.isBoolean()) {
            violations.add("/" + key, "expected true or false, found " + Violations.typeOf(rule));
            return true;
        }
        return rule.booleanValue();
    }

    private Trigger trigger(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            return fail(at, node == null
                    ? "missing trigger"
                    : "expected a trigger object, found "
                            + Violations.typeOf(node));
        }
        String type = type(node, at, TRIGGERS, "trigger");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "stage_entered" -> {
                violations.onlyKeys(node, at, Set.of("type", "stage"));
                String stage = violations.key(node, at, "stage", STAGE_KEY,
                        "a stage key like new_customer ([a-z][a-z0-9_], at most 40)");
                yield stage == null ? null : new Trigger.StageEntered(stage);
            }
            case "segment_entered", "segment_exited" -> {
                violations.onlyKeys(node, at, Set.of("type", "segment"));
                String segment = violations.text(node, at, "segment");
                if (segment == null) {
                    yield null;
                }
                yield type.equals("segment_entered")
                        ? new Trigger.SegmentEntered(segment)
                        : new Trigger.SegmentExited(segment);
            }
            case "event" -> {
                violations.onlyKeys(node, at, Set.of("type", "event", "where"));
                String event = violations.text(node, at, "event");
                Condition where = where(node, at);
                yield event == null || (node.has("where") && where == null) ? null : new Trigger.OnEvent(event, where);
            }
            case "broadcast" -> broadcast(node, at);
            default -> throw new IllegalStateException("Trigger without a reader: " + type);
        };
    }

    private Trigger broadcast(JsonNode node, String at) {
        violations.onlyKeys(node, at, Set.of("type", "segment", "at", "schedule"));
        String segment = violations.text(node, at, "segment");
        boolean once = node.has("at");
        boolean recurring = node.has("schedule");
        if (once == recurring) {
            violations.add(child(at, once ? "schedule" : "at"), once
                    ? "give either at or schedule, not both"
                    : "missing at or schedule: when the broadcast runs");
            return null;
        }
        BroadcastSchedule schedule = once ? instant(node, at) : schedule(node.get("schedule"), child(at, "schedule"));
        return segment == null || schedule == null ? null : new Trigger.Broadcast(segment, schedule);
    }

    private BroadcastSchedule instant(JsonNode node, String at) {
        String text = violations.text(node, at, "at");
        if (text == null) {
            return null;
        }
        try {
            return new BroadcastSchedule.Once(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return fail(child(at, "at"), "expected an ISO-8601 instant like 2026-05-01T09:00:00Z, found \"" + text
                    + "\"");
        }
    }

    private BroadcastSchedule schedule(JsonNode node, String at) {
        if (!node.isObject()) {
            return fail(at, "expected a schedule like {\"every\": \"week\", \"day\": \"monday\", \"time\": \"09:00\"},"
                    + " found " + Violations.typeOf(node));
        }
        violations.onlyKeys(node, at, Set.of("every", "day", "time", "zone"));
        String every = violations.text(node, at, "every");
        LocalTime time = time(node, at);
        ZoneId zone = zone(node, at);
        if (every == null) {
            return null;
        }
        String dayAt = child(at, "day");
        JsonNode day = node.get("day");
        return switch (every) {
            case "day" -> {
                if (day != null) {
                    yield fail(dayAt, "a daily schedule takes no day");
                }
                yield time == null || zone == null ? null : new BroadcastSchedule.Daily(time, zone);
            }
            case "week" -> {
                DayOfWeek weekday = weekday(day, dayAt);
                yield weekday == null || time == null || zone == null
                        ? null
                        : new BroadcastSchedule.Weekly(weekday, time, zone);
            }
            case "month" -> {
                if (day == null || !day.isIntegralNumber() || !day.canConvertToInt() || day.intValue() < 1
                        || day.intValue() > BroadcastSchedule.Monthly.LAST_DAY) {
                    yield fail(dayAt, "expected a day of the month from 1 to " + BroadcastSchedule.Monthly.LAST_DAY
                            + ", found " + (day == null ? "nothing" : day.toString()));
                }
                yield time == null || zone == null ? null : new BroadcastSchedule.Monthly(day.intValue(), time, zone);
            }
            default -> fail(child(at, "every"), "unknown every \"" + every + "\": expected day, week or month");
        };
    }

    private DayOfWeek weekday(JsonNode day, String at) {
        String expected = "expected a day of the week like monday";
        if (day == null || !day.isTextual()) {
            return fail(at, expected + ", found " + Violations.typeOf(day));
        }
        try {
            return DayOfWeek.valueOf(day.textValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail(at, expected + ", found \"" + day.textValue() + "\"");
        }
    }

    private LocalTime time(JsonNode node, String at) {
        String text = violations.text(node, at, "time");
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return fail(child(at, "time"), "expected a time of day like 09:00, found \"" + text + "\"");
        }
    }

    /** The zone a schedule runs in; UTC when not given. */
    private ZoneId zone(JsonNode node, String at) {
        if (!node.has("zone")) {
            return ZoneOffset.UTC;
        }
        String text = violations.optionalText(node, at, "zone");
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            return fail(child(at, "zone"), "unknown time zone \"" + text + "\": expected an IANA zone like "
                    + "Europe/London");
        }
    }

    private EntryRule entry(JsonNode node, String at) {
        if (!node.isObject()) {
            return fail(at, "expected an entry object like {\"type\": \"once\"}, found " + Violations.typeOf(node));
        }
        String type = type(node, at, List.of("once", "again_after_days"), "entry");
        if (type == null) {
            return null;
        }
        if (type.equals("once")) {
            violations.onlyKeys(node, at, Set.of("type"));
            return new EntryRule.Once();
        }
        violations.onlyKeys(node, at, Set.of("type", "days"));
        Integer days = wholeNumber(node, at, "days", 1, MAX_AGAIN_AFTER_DAYS);
        return days == null ? null : new EntryRule.AgainAfterDays(days);
    }

    private Goal goal(JsonNode node, String at) {
        if (!node.isObject()) {
            return fail(at, "expected a goal like {\"event\": \"Order Completed\", \"within_days\": 7}, found "
                    + Violations.typeOf(node));
        }
        violations.onlyKeys(node, at, Set.of("event", "within_days", "where"));
        String event = violations.text(node, at, "event");
        Integer days = wholeNumber(node, at, "within_days", 1, MAX_GOAL_DAYS);
        Condition where = where(node, at);
        if (event == null || days == null || (node.has("where") && where == null)) {
            return null;
        }
        return new Goal(event, days, where);
    }

    private BigDecimal holdout(JsonNode node) {
        if (!node.isNumber()) {
            return fail("/holdout_percent", "expected a number of percent, found " + Violations.typeOf(node));
        }
        BigDecimal percent = node.decimalValue();
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return fail("/holdout_percent", "holdout_percent must be from 0 to below 100, found "
                    + percent.toPlainString());
        }
        return percent;
    }

    /**
     * A list of steps.
     *
     * @param required whether the list must have a step: the top level and a branch's {@code then}; elsewhere an
     *        absent or empty list goes straight on
     */
    private List<Step> steps(JsonNode node, String at, int depth, boolean required) {
        if (node == null) {
            if (required) {
                violations.add(at, "missing " + lastKey(at) + ": give at least one step");
            }
            return List.of();
        }
        if (!node.isArray()) {
            return fail(at, "expected an array of steps, found " + Violations.typeOf(node));
        }
        if (depth >= MAX_DEPTH) {
            return fail(at, "steps nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isEmpty() && required) {
            return fail(at, "empty " + lastKey(at) + ": give at least one step");
        }
        List<Step> steps = new ArrayList<>();
        String exitingStep = null;
        boolean unreachableReported = false;
        for (int index = 0; index < node.size(); index++) {
            String stepAt = child(at, index);
            // One violation for the first unreachable step says it all; the ones after it follow from it.
            if (exitingStep != null && !unreachableReported) {
                violations.add(stepAt, "unreachable: every way through step \"" + exitingStep
                        + "\" before it leaves the journey");
                unreachableReported = true;
            }
            Step step = step(node.get(index), stepAt, depth);
            if (step != null) {
                steps.add(step);
                if (exitingStep == null && step.alwaysExits()) {
                    exitingStep = step.id();
                }
            }
        }
        return steps.size() == node.size() ? steps : null;
    }

    private Step step(JsonNode node, String at, int depth) {
        stepCount++;
        if (node == null || !node.isObject()) {
            return fail(at, "expected a step object, found " + Violations.typeOf(node));
        }
        String id = stepId(node, at);
        String type = type(node, at, STEP_TYPES, "step");
        if (type == null) {
            return null;
        }
        Step step = switch (type) {
            case "send" -> send(node, at, id);
            case "survey" -> survey(node, at, id);
            case "wait" -> {
                violations.onlyKeys(node, at, Set.of("id", "type", "duration"));
                Duration duration = duration(node, at, "duration");
                yield id == null || duration == null ? null : new Step.Wait(id, duration);
            }
            case "wait_until" -> waitUntil(node, at, id, depth);
            case "branch" -> branch(node, at, id, depth);
            case "split" -> split(node, at, id, depth);
            case "exit" -> {
                violations.onlyKeys(node, at, Set.of("id", "type"));
                yield id == null ? null : new Step.Exit(id);
            }
            case "sunset" -> {
                violations.onlyKeys(node, at, Set.of("id", "type", "channel"));
                Channel channel = channel(node, at);
                yield id == null || channel == null ? null : new Step.Sunset(id, channel);
            }
            default -> throw new IllegalStateException("Step without a reader: " + type);
        };
        return id == null ? null : step;
    }

    private String stepId(JsonNode node, String at) {
        String id = violations.key(node, at, "id", STEP_ID, STEP_ID_SHAPE);
        if (id == null) {
            return null;
        }
        String first = stepIds.putIfAbsent(id, at);
        if (first != null) {
            violations.add(child(at, "id"), "duplicate step id \"" + id + "\": the step at " + first + " has it");
            return null;
        }
        return id;
    }

    private Step send(JsonNode node, String at, String id) {
        violations.onlyKeys(node, at, Set.of("id", "type", "channel", "template", "priority", "offer",
                "recommendations", "endpoint"));
        Channel channel = channel(node, at);
        String endpoint = null;
        boolean endpointValid = true;
        if (node.has("endpoint")) {
            endpoint = violations.optionalText(node, at, "endpoint");
            String endpointAt = child(at, "endpoint");
            if (endpoint != null && !ENDPOINTS.contains(endpoint)) {
                violations.add(endpointAt, "unknown endpoint \"" + endpoint + "\": expected "
                        + String.join(", ", ENDPOINTS));
                endpoint = null;
            } else if (endpoint != null && channel != null && channel != Channel.WEBHOOK) {
                violations.add(endpointAt, "only a webhook message goes to a named endpoint; this one is "
                        + channel.wireName());
                endpoint = null;
            }
            endpointValid = endpoint != null;
        }
        String template = violations.key(node, at, "template", TEMPLATE_KEY,
                "a template key like cart_reminder ([A-Za-z0-9][A-Za-z0-9_.-], at most 100)");
        Priority priority = node.has("priority")
                ? priority(node.get("priority"), child(at, "priority"))
                : Priority.PROMOTIONAL;
        OfferKind offer = null;
        boolean offerValid = true;
        if (node.has("offer")) {
            String key = violations.optionalText(node, at, "offer");
            offer = key == null ? null : OfferKind.fromKey(key).orElse(null);
            if (key != null && offer == null) {
                violations.add(child(at, "offer"), "unknown offer \"" + key + "\": expected " + Arrays
                        .stream(OfferKind.values()).map(OfferKind::key).collect(Collectors.joining(", ")));
            }
            offerValid = offer != null;
        }
        Integer recommendations = node.has("recommendations")
                ? wholeNumber(node, at, "recommendations", 1, MAX_RECOMMENDATIONS)
                : Integer.valueOf(0);
        if (id == null || channel == null || template == null || priority == null || !offerValid
                || recommendations == null || !endpointValid) {
            return null;
        }
        return new Step.Send(id, channel, template, priority, offer, recommendations, null, endpoint);
    }

    /**
     * {@code {"type": "survey", "survey": "nps", "form_url": "https://…", "template": "…"}}: a send whose message
     * carries the customer's personal, signed link to the form; by email unless {@code channel} says sms.
     */
    private Step survey(JsonNode node, String at, String id) {
        violations.onlyKeys(node, at, Set.of("id", "type", "survey", "form_url", "channel", "template", "priority"));
        String key = violations.key(node, at, "survey", STEP_ID,
                "a survey key like post_purchase_nps ([a-z0-9][a-z0-9_-], at most 64)");
        URI formUrl = formUrl(node, at);
        Channel channel = Channel.EMAIL;
        if (node.has("channel")) {
            channel = channel(node, at);
            if (channel != null && !SURVEY_CHANNELS.contains(channel)) {
                violations.add(child(at, "channel"), "a survey goes to a person: expected "
                        + SURVEY_CHANNELS.stream().map(Channel::wireName).collect(Collectors.joining(" or "))
                        + ", found " + channel.wireName());
                channel = null;
            }
        }
        String template = violations.key(node, at, "template", TEMPLATE_KEY,
                "a template key like survey_post_purchase ([A-Za-z0-9][A-Za-z0-9_.-], at most 100)");
        Priority priority = node.has("priority")
                ? priority(node.get("priority"), child(at, "priority"))
                : Priority.PROMOTIONAL;
        if (id == null || key == null || formUrl == null || channel == null || template == null || priority == null) {
            return null;
        }
        return new Step.Send(id, channel, template, priority, null, 0, new Step.Survey(key, formUrl), null);
    }

    private URI formUrl(JsonNode node, String at) {
        String text = violations.text(node, at, "form_url");
        if (text == null) {
            return null;
        }
        String urlAt = child(at, "form_url");
        String expected = "expected the form's absolute http(s) URL like https://acme.typeform.com/to/AbC123";
        if (text.length() > MAX_FORM_URL) {
            return fail(urlAt, "form_url is longer than " + MAX_FORM_URL + " characters");
        }
        try {
            URI url = new URI(text);
            if (url.getHost() == null || url.getHost().isEmpty()
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                return fail(urlAt, expected + ", found \"" + text + "\"");
            }
            return url;
        } catch (URISyntaxException e) {
            return fail(urlAt, expected + ", found \"" + text + "\"");
        }
    }

    private Priority priority(JsonNode node, String at) {
        String expected = "expected promotional, transactional or a whole number from " + Priority.MIN + " to "
                + Priority.MAX;
        if (node.isTextual()) {
            return switch (node.textValue()) {
                case "promotional" -> Priority.PROMOTIONAL;
                case "transactional" -> Priority.TRANSACTIONAL;
                default -> fail(at, expected + ", found \"" + node.textValue() + "\"");
            };
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= Priority.MIN
                && node.intValue() <= Priority.MAX) {
            return new Priority(node.intValue());
        }
        return fail(at, expected + ", found " + (node.isNumber() ? node.toString() : Violations.typeOf(node)));
    }

    private Step waitUntil(JsonNode node, String at, String id, int depth) {
        violations.onlyKeys(node, at, Set.of("id", "type", "event", "where", "timeout", "on_event", "on_timeout"));
        String event = violations.text(node, at, "event");
        Condition where = where(node, at);
        Duration timeout = duration(node, at, "timeout");
        List<Step> onEvent = optionalSteps(node, at, "on_event", depth);
        List<Step> onTimeout = optionalSteps(node, at, "on_timeout", depth);
        if (id == null || event == null || (node.has("where") && where == null) || timeout == null || onEvent == null
                || onTimeout == null) {
            return null;
        }
        return new Step.WaitUntil(id, event, where, timeout, onEvent, onTimeout);
    }

    private Step branch(JsonNode node, String at, String id, int depth) {
        violations.onlyKeys(node, at, Set.of("id", "type", "condition", "then", "else"));
        String conditionAt = child(at, "condition");
        Condition condition = node.has("condition")
                ? ConditionParser.parse(node.get("condition"), conditionAt, violations)
                : fail(conditionAt, "missing condition");
        List<Step> then = steps(node.get("then"), child(at, "then"), depth + 1, true);
        List<Step> otherwise = optionalSteps(node, at, "else", depth);
        if (id == null || condition == null || then == null || then.isEmpty() || otherwise == null) {
            return null;
        }
        return new Step.Branch(id, condition, then, otherwise);
    }

    /**
     * An optional list of steps ({@code else}, {@code on_event}, {@code on_timeout}): absent goes straight on after
     * the step; an empty list says the same thing a second way, so it is refused.
     */
    private List<Step> optionalSteps(JsonNode node, String at, String key, int depth) {
        JsonNode list = node.get(key);
        String listAt = child(at, key);
        if (list != null && list.isArray() && list.isEmpty()) {
            return fail(listAt, "empty " + key + ": leave it out to go straight on after the step");
        }
        return steps(list, listAt, depth + 1, false);
    }

    private Step split(JsonNode node, String at, String id, int depth) {
        violations.onlyKeys(node, at, Set.of("id", "type", "variants"));
        JsonNode list = node.get("variants");
        String listAt = child(at, "variants");
        if (list == null || !list.isArray()) {
            return fail(listAt, list == null
                    ? "missing variants"
                    : "expected an array of variants, found "
                            + Violations.typeOf(list));
        }
        if (list.size() < 2 || list.size() > MAX_VARIANTS) {
            return fail(listAt, "a split needs 2 to " + MAX_VARIANTS + " variants, found " + list.size());
        }
        List<Step.Variant> variants = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        for (int index = 0; index < list.size(); index++) {
            Step.Variant variant = variant(list.get(index), child(listAt, index), depth, keys);
            if (variant != null) {
                variants.add(variant);
            }
        }
        return id == null || variants.size() != list.size() ? null : new Step.Split(id, variants);
    }

    private Step.Variant variant(JsonNode node, String at, int depth, Map<String, String> keys) {
        if (!node.isObject()) {
            return fail(at, "expected a variant like {\"key\": \"a\", \"weight\": 50, \"steps\": [...]}, found "
                    + Violations.typeOf(node));
        }
        violations.onlyKeys(node, at, Set.of("key", "weight", "steps"));
        String key = violations.key(node, at, "key", STEP_ID, "a variant key like a or discount ([a-z0-9][a-z0-9_-],"
                + " at most 64)");
        if (key != null && keys.putIfAbsent(key, at) != null) {
            violations.add(child(at, "key"), "duplicate variant key \"" + key + "\": the variant at " + keys.get(key)
                    + " has it");
            key = null;
        }
        JsonNode weight = node.get("weight");
        String weightAt = child(at, "weight");
        BigDecimal share = null;
        if (weight == null) {
            violations.add(weightAt, "missing weight: the variant's share relative to the others");
        } else if (!weight.isNumber() || weight.decimalValue().signum() <= 0) {
            violations.add(weightAt, "weight must be a positive number, found "
                    + (weight.isNumber() ? weight.toString() : Violations.typeOf(weight)));
        } else {
            share = weight.decimalValue();
        }
        // A variant may have no steps: it gets nothing and goes straight on, like a control arm.
        List<Step> steps = node.has("steps")
                ? steps(node.get("steps"), child(at, "steps"), depth + 1, false)
                : fail(child(at, "steps"), "missing steps: give [] for a variant that gets nothing");
        return key == null || share == null || steps == null ? null : new Step.Variant(key, share, steps);
    }

    private Channel channel(JsonNode node, String at) {
        String text = violations.text(node, at, "channel");
        if (text == null) {
            return null;
        }
        return Arrays.stream(Channel.values()).filter(channel -> channel.wireName().equals(text)).findFirst()
                .orElseGet(() -> fail(child(at, "channel"), "unknown channel \"" + text + "\": expected " + CHANNELS));
    }

    private Condition where(JsonNode node, String at) {
        return node.has("where") ? ConditionParser.parse(node.get("where"), child(at, "where"), violations) : null;
    }

    private Duration duration(JsonNode node, String at, String key) {
        String text = violations.text(node, at, key);
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            return fail(child(at, key), "expected an ISO-8601 duration like PT1H or P2D, found \"" + text + "\"");
        }
        if (duration.compareTo(MIN_WAIT) < 0 || duration.compareTo(MAX_WAIT) > 0) {
            return fail(child(at, key), key + " must be from PT1M to P365D, found " + text);
        }
        return duration;
    }

    /** The {@code type} of a trigger, entry or step, one of {@code known}. */
    private String type(JsonNode node, String at, List<String> known, String what) {
        String type = violations.text(node, at, "type");
        if (type != null && !known.contains(type)) {
            violations.add(child(at, "type"), "unknown " + what + " type \"" + type + "\": expected "
                    + String.join(", ", known));
            return null;
        }
        return type;
    }

    private Integer wholeNumber(JsonNode node, String at, String key, int min, int max) {
        JsonNode value = node.get(key);
        String keyAt = child(at, key);
        if (value == null) {
            return fail(keyAt, "missing " + key);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > max) {
            return fail(keyAt, key + " must be a whole number from " + min + " to " + max + ", found "
                    + (value.isNumber() ? value.toString() : Violations.typeOf(value)));
        }
        return value.intValue();
    }

    private static String lastKey(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private <T> T fail(String at, String message) {
        violations.add(at, message);
        return null;
    }
}
