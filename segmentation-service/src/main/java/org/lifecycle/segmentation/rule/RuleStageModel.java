package org.lifecycle.segmentation.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.segmentation.profile.ProfileFacts;
import org.lifecycle.segmentation.stage.StageDecision;
import org.lifecycle.segmentation.stage.StageModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A company's own stage model: ordered stages, each with a rule, the first that matches wins, and a last stage without
 * a rule for everyone else (RULES.md, "Custom stage models"):
 *
 * <pre>
 * {"stages": [
 *   {"key": "vip", "name": "VIP", "when": {"revenue": {"gte": 1000}, "within_days": 365}},
 *   {"key": "other", "name": "Other"}
 * ]}
 * </pre>
 *
 * With {@code "forward_only": true} a customer never moves to a stage listed after their current one (a funnel such
 * as subscriber, lead, ..., customer, listed from the end of the funnel back).
 */
public final class RuleStageModel implements StageModel {

    private final int version;
    private final List<Stage> stages;
    private final boolean forwardOnly;

    /**
     * Reads a stage model, or throws {@link RuleException} with every violation, pointers relative to
     * {@code definition}.
     *
     * @param version the version the caller stored this definition under; recorded on every transition it decides
     */
    public RuleStageModel(int version, JsonNode definition) {
        Violations violations = new Violations();
        this.version = version;
        this.stages = read(definition, violations);
        this.forwardOnly = forwardOnly(definition, violations);
        violations.throwIfAny();
    }

    /**
     * One stage of the model.
     *
     * @param key the stage key, in the format of {@link SegmentDefinition#KEY_FORMAT}
     * @param name what marketers call it
     * @param when who is in it, unless an earlier stage matched; {@code null} for the last stage, which takes everyone
     *        else
     */
    public record Stage(String key, String name, Rule when) {

        public Stage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
        }
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public List<String> stages() {
        return stages.stream().map(Stage::key).toList();
    }

    /**
     * Whether customers only move forward: stages are listed from the furthest along to the first (the order they
     * are tried in), and a customer is never moved to a stage listed after the one they are in.
     */
    public boolean forwardOnly() {
        return forwardOnly;
    }

    /** The stages with their rules, in the order they are tried. */
    public List<Stage> definition() {
        return stages;
    }

    /**
     * The first stage whose rule matches. The decision can change only if one of the rules tried so far changes (a
     * later rule cannot win while an earlier one matches), so the next change is the earliest among those.
     */
    @Override
    public StageDecision decide(ProfileFacts facts, Instant now) {
        StageDecision decided = firstMatch(facts, now);
        if (!forwardOnly) {
            return decided;
        }
        int held = indexOf(facts.stage());
        if (held < 0 || held >= indexOf(decided.stage())) {
            return decided;
        }
        // Further along than the rules now say: forward only keeps the customer there. Only an earlier stage's rule
        // starting to match moves them, which the rules tried before it already bound in the decided next change.
        return new StageDecision(facts.stage(), facts.stage() + ": kept, the model moves customers forward only ("
                + decided.rule() + ")", decided.facts(), decided.nextChange());
    }

    private int indexOf(String key) {
        for (int index = 0; index < stages.size(); index++) {
            if (stages.get(index).key().equals(key)) {
                return index;
            }
        }
        return -1;
    }

    private StageDecision firstMatch(ProfileFacts facts, Instant now) {
        Instant nextChange = null;
        Map<String, Object> rejected = new LinkedHashMap<>();
        for (Stage stage : stages) {
            if (stage.when() == null) {
                return new StageDecision(stage.key(), stage.key() + ": no earlier stage matched", rejected,
                        nextChange);
            }
            nextChange = Rule.earliest(nextChange, stage.when().nextChange(facts, now));
            Explanation why = stage.when().explain(facts, now);
            if (why.matched()) {
                return new StageDecision(stage.key(), stage.key() + ": " + stage.when().describe(), why.allFacts(),
                        nextChange);
            }
            why.allFacts().forEach(rejected::putIfAbsent);
        }
        throw new IllegalStateException("A stage model ends with a fallback stage");
    }

    /** The model as JSON that this constructor reads back to an equal model. */
    public JsonNode toJson() {
        ObjectNode root = LifecycleJson.mapper().createObjectNode();
        ArrayNode array = root.putArray("stages");
        for (Stage stage : stages) {
            ObjectNode node = array.addObject();
            node.put("key", stage.key());
            node.put("name", stage.name());
            if (stage.when() != null) {
                node.set("when", stage.when().toJson());
            }
        }
        if (forwardOnly) {
            root.put("forward_only", true);
        }
        return root;
    }

    private static List<Stage> read(JsonNode definition, Violations violations) {
        if (definition == null || !definition.isObject()) {
            violations.add("", "expected an object like {\"stages\": [...]}, found " + Violations.typeOf(definition));
            return List.of();
        }
        violations.onlyKeys(definition, "", Set.of("stages", "forward_only"));
        JsonNode list = definition.get("stages");
        if (list == null) {
            violations.add("/stages", "missing stages");
            return List.of();
        }
        if (!list.isArray()) {
            violations.add("/stages", "expected an array of stages, found " + Violations.typeOf(list));
            return List.of();
        }
        if (list.isEmpty()) {
            violations.add("/stages", "give at least one stage: the last one, without when, takes every customer");
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        Map<String, String> firstUse = new HashMap<>();
        for (int index = 0; index < list.size(); index++) {
            String at = RuleViolation.child("/stages", index);
            boolean last = index == list.size() - 1;
            Stage stage = readStage(list.get(index), at, last, firstUse, violations);
            if (stage != null) {
                stages.add(stage);
            }
        }
        return List.copyOf(stages);
    }

    private static boolean forwardOnly(JsonNode definition, Violations violations) {
        JsonNode flag = definition == null ? null : definition.get("forward_only");
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            violations.add("/forward_only", "expected true or false, found " + Violations.typeOf(flag));
            return false;
        }
        return flag.booleanValue();
    }

    /**
     * @param firstUse where each key read so far was first used, to report duplicates
     */
    private static Stage readStage(JsonNode node, String at, boolean last, Map<String, String> firstUse,
            Violations violations) {
        if (!node.isObject()) {
            violations.add(at, "expected a stage object, found " + Violations.typeOf(node));
            return null;
        }
        int before = violations.count();
        violations.onlyKeys(node, at, Set.of("key", "name", "when"));
        String key = violations.text(node, at, "key");
        if (key != null && !SegmentDefinition.KEY_FORMAT.matcher(key).matches()) {
            violations.add(at + "/key", "expected lowercase letters, digits and _, starting with a letter, "
                    + "at most 40 characters, found \"" + key + "\"");
        }
        String earlier = key == null ? null : firstUse.putIfAbsent(key, at);
        if (earlier != null) {
            violations.add(at + "/key", "duplicate key \"" + key + "\", already used at " + earlier);
        }
        String name = violations.text(node, at, "name");
        JsonNode when = node.get("when");
        boolean fallback = when == null || when.isNull();
        Rule rule = fallback ? null : RuleParser.parse(when, at + "/when", false, violations);
        if (fallback && !last) {
            violations.add(at, "only the last stage may leave out when: the stages after this one could never match");
        }
        if (!fallback && last) {
            violations.add(at + "/when", "the last stage must leave out when, so that every customer has a stage");
        }
        return violations.count() == before ? new Stage(key, name, rule) : null;
    }
}
