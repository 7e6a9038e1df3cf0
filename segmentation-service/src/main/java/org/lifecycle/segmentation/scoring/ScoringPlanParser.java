package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lifecycle.segmentation.rule.Rule;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleParser;
import org.lifecycle.segmentation.rule.RuleViolation;
import org.lifecycle.segmentation.rule.SegmentDefinition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a scoring plan from JSON, checking everything: a plan is accepted whole or refused with every violation at
 * once, each with the JSON pointer of the place at fault ({@code /rules/2/decay/half_life_days}).
 */
public final class ScoringPlanParser {

    /** Most rules in one plan: every rule is evaluated for every customer on every change. */
    public static final int MAX_RULES = 100;
    /** Most points one rule gives or takes per event, and most a cap may be. */
    public static final BigDecimal MAX_POINTS = BigDecimal.valueOf(10_000);
    public static final BigDecimal MAX_CAP = BigDecimal.valueOf(1_000_000);
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_HALF_LIFE_DAYS = 3650;

    private static final Set<String> PLAN_KEYS = Set.of("key", "name", "description", "cap", "decay", "rules");
    private static final Set<String> RULE_KEYS = Set.of("key", "event", "property", "when", "points", "cap",
            "decay");
    private static final Set<String> DECAY_KEYS = Set.of("half_life_days", "expire_after_days");

    private final List<RuleViolation> violations = new ArrayList<>();
    private final int historyDays;

    private ScoringPlanParser(int historyDays) {
        this.historyDays = historyDays;
    }

    /**
     * Reads a plan, or throws {@link RuleException} with every violation, pointers relative to {@code json}.
     *
     * @param pathKey the key the plan is stored under when it comes from a URL (an update); {@code null} when the
     *        body names it
     * @param version the version the caller stores it as
     * @param historyDays the days of activity kept: points cannot be kept longer, so {@code expire_after_days} may
     *        not exceed it
     */
    public static ScoringPlan parse(JsonNode json, String pathKey, int version, int historyDays) {
        ScoringPlanParser parser = new ScoringPlanParser(historyDays);
        ScoringPlan plan = parser.plan(json, pathKey, version);
        if (!parser.violations.isEmpty()) {
            throw new RuleException(parser.violations);
        }
        return plan;
    }

    private ScoringPlan plan(JsonNode node, String pathKey, int version) {
        if (node == null || !node.isObject()) {
            add("", "expected a scoring plan object like {\"key\": \"engagement\", \"name\": \"Engagement\", "
                    + "\"rules\": [...]}, found " + typeOf(node));
            return null;
        }
        onlyKeys(node, "", PLAN_KEYS);
        String key;
        if (pathKey != null) {
            key = pathKey;
            JsonNode named = node.get("key");
            if (named != null && !named.isNull() && !(named.isTextual() && named.textValue().equals(pathKey))) {
                add("/key", "a plan's key cannot change: create a new plan instead");
            }
        } else {
            key = key(node, "");
        }
        String name = text(node, "", "name", true, MAX_NAME);
        String description = text(node, "", "description", false, MAX_DESCRIPTION);
        BigDecimal cap = cap(node, "");
        Decay decay = decay(node.get("decay"), "/decay", false);
        List<ScoreRule> rules = rules(node.get("rules"), "/rules");
        if (!violations.isEmpty()) {
            return null;
        }
        return new ScoringPlan(key, name, description, version, cap, decay == null ? Decay.NONE : decay, rules);
    }

    private List<ScoreRule> rules(JsonNode list, String at) {
        if (list == null || list.isNull()) {
            add(at, "missing rules: what gives points, e.g. [{\"key\": \"clicks\", \"event\": "
                    + "\"Email Link Clicked\", \"points\": 5}]");
            return List.of();
        }
        if (!list.isArray()) {
            add(at, "expected an array of rules, found " + typeOf(list));
            return List.of();
        }
        if (list.isEmpty()) {
            add(at, "give at least one rule");
            return List.of();
        }
        if (list.size() > MAX_RULES) {
            add(at, "a plan has at most " + MAX_RULES + " rules, found " + list.size());
            return List.of();
        }
        List<ScoreRule> rules = new ArrayList<>();
        Map<String, String> firstUse = new HashMap<>();
        for (int index = 0; index < list.size(); index++) {
            ScoreRule rule = rule(list.get(index), at + "/" + index, firstUse);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private ScoreRule rule(JsonNode node, String at, Map<String, String> firstUse) {
        if (!node.isObject()) {
            add(at, "expected a rule object like {\"key\": \"clicks\", \"event\": \"Email Link Clicked\", "
                    + "\"points\": 5}, found " + typeOf(node));
            return null;
        }
        int before = violations.size();
        onlyKeys(node, at, RULE_KEYS);
        String key = key(node, at);
        String earlier = key == null ? null : firstUse.putIfAbsent(key, at);
        if (earlier != null) {
            add(at + "/key", "duplicate rule key \"" + key + "\", already used at " + earlier);
        }
        BigDecimal points = points(node.get("points"), at + "/points");
        BigDecimal cap = cap(node, at);
        boolean hasEvent = node.has("event");
        boolean hasWhen = node.has("when");
        String event = null;
        String property = null;
        Rule when = null;
        Decay decay = null;
        if (hasEvent && hasWhen) {
            add(at + "/when", "a rule gives points either per event or while a condition holds: give event or "
                    + "when, not both");
        } else if (!hasEvent && !hasWhen) {
            add(at + "/event", "missing event or when: what gives the points");
        } else if (hasEvent) {
            event = text(node, at, "event", true, MAX_NAME);
            property = text(node, at, "property", false, MAX_NAME);
            decay = decay(node.get("decay"), at + "/decay", true);
        } else {
            when = condition(node.get("when"), at + "/when");
            for (String only : List.of("property", "decay")) {
                if (node.has(only)) {
                    add(at + "/" + only, only + " applies to event points; a condition's points count while it "
                            + "holds");
                }
            }
            if (node.has("cap")) {
                add(at + "/cap", "a condition gives its points once: cap applies to event points");
            }
        }
        return violations.size() == before ? new ScoreRule(key, event, property, when, points, cap, decay) : null;
    }

    private Rule condition(JsonNode node, String at) {
        Rule rule;
        try {
            rule = RuleParser.parse(node);
        } catch (RuleException e) {
            e.violations().forEach(v -> add(at + v.pointer(), v.message()));
            return null;
        }
        String circular = circular(node, at);
        if (circular != null) {
            add(circular, "a scoring plan's conditions cannot use score, stage or rfm conditions: scores are "
                    + "decided before stages, RFM groups and segments, which may read them");
            return null;
        }
        int maxWindow = rule.maxWindowDays();
        if (maxWindow > historyDays) {
            add(at, "an event window of " + maxWindow + " days looks further back than the " + historyDays
                    + " days of activity kept (lifecycle.segmentation.history-days)");
            return null;
        }
        return rule;
    }

    /** The pointer of the first score, stage or rfm condition inside a valid rule, or {@code null}. */
    private static String circular(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String kind : List.of("score", "stage", "rfm")) {
            if (node.has(kind)) {
                return at + "/" + kind;
            }
        }
        for (String group : List.of("all", "any")) {
            JsonNode list = node.get(group);
            if (list != null && list.isArray()) {
                for (int index = 0; index < list.size(); index++) {
                    String found = circular(list.get(index), at + "/" + group + "/" + index);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return node.has("not") ? circular(node.get("not"), at + "/not") : null;
    }

    /**
     * {@code {"half_life_days": 30, "expire_after_days": 90}}, at least one of the two; on a rule, {@code "none"}
     * turns the plan's decay off for it. {@code null} when absent or invalid.
     */
    private Decay decay(JsonNode node, String at, boolean onRule) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (onRule && node.isTextual() && node.textValue().equals("none")) {
            return Decay.NONE;
        }
        if (!node.isObject()) {
            add(at, "expected an object like {\"half_life_days\": 30, \"expire_after_days\": 90}"
                    + (onRule ? " or \"none\"" : "") + ", found " + typeOf(node));
            return null;
        }
        onlyKeys(node, at, DECAY_KEYS);
        Integer halfLife = days(node, at, "half_life_days", MAX_HALF_LIFE_DAYS, "");
        Integer expire = days(node, at, "expire_after_days", historyDays,
                " (the days of activity kept, lifecycle.segmentation.history-days)");
        if (!node.has("half_life_days") && !node.has("expire_after_days")) {
            add(at + "/half_life_days", "give half_life_days, expire_after_days or both");
            return null;
        }
        if (halfLife != null && expire != null && halfLife >= expire) {
            add(at + "/half_life_days", "points expire after " + expire + " days, before they would halve after "
                    + halfLife + ": leave half_life_days out, or make it shorter");
            return null;
        }
        return new Decay(halfLife, expire);
    }

    private Integer days(JsonNode node, String at, String field, int max, String why) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        String fieldAt = at + "/" + field;
        if (!value.isIntegralNumber()) {
            add(fieldAt, "expected a whole number of days, found " + typeOf(value));
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
            add(fieldAt, field + " must be between 1 and " + max + why + ", found " + value);
            return null;
        }
        return value.intValue();
    }

    private BigDecimal points(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            add(at, "missing points: what the rule gives (negative to take away)");
            return null;
        }
        if (!node.isNumber()) {
            add(at, "expected a number, found " + typeOf(node));
            return null;
        }
        BigDecimal points = node.decimalValue();
        if (points.signum() == 0 || points.abs().compareTo(MAX_POINTS) > 0) {
            add(at, "points must be non-zero and at most " + MAX_POINTS + " either way, found "
                    + points.toPlainString());
            return null;
        }
        return points;
    }

    private BigDecimal cap(JsonNode node, String at) {
        JsonNode value = node.get("cap");
        if (value == null || value.isNull()) {
            return null;
        }
        String capAt = at + "/cap";
        if (!value.isNumber()) {
            add(capAt, "expected a number, found " + typeOf(value));
            return null;
        }
        BigDecimal cap = value.decimalValue();
        if (cap.signum() <= 0 || cap.compareTo(MAX_CAP) > 0) {
            add(capAt, "cap must be more than 0 and at most " + MAX_CAP + ", found " + cap.toPlainString());
            return null;
        }
        return cap;
    }

    private String key(JsonNode node, String at) {
        String key = text(node, at, "key", true, 40);
        if (key != null && !SegmentDefinition.KEY_FORMAT.matcher(key).matches()) {
            add(at + "/key", "expected lowercase letters, digits and _, starting with a letter, at most 40 "
                    + "characters, found \"" + key + "\"");
            return null;
        }
        return key;
    }

    private String text(JsonNode node, String at, String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        String fieldAt = at + "/" + field;
        if (value == null || value.isNull()) {
            if (required) {
                add(fieldAt, "missing " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            add(fieldAt, "expected a string, found " + typeOf(value));
            return null;
        }
        String text = value.textValue().strip();
        if (text.isEmpty()) {
            add(fieldAt, field + " must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            add(fieldAt, "at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private void onlyKeys(JsonNode node, String at, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                add(at + "/" + name.replace("~", "~0").replace("/", "~1"), "unknown key \"" + name
                        + "\": expected " + String.join(", ", new TreeSet<>(allowed)));
            }
        });
    }

    private void add(String pointer, String message) {
        violations.add(new RuleViolation(pointer, message));
    }

    private static String typeOf(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BINARY, MISSING -> "nothing";
        };
    }
}
