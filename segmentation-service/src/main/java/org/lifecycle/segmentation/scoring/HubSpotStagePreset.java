package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.segmentation.rule.RuleException;
import org.lifecycle.segmentation.rule.RuleViolation;
import org.lifecycle.segmentation.rule.SegmentDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stage model after HubSpot's lifecycle stages, written in the rule language as an ordinary rule-based stage model
 * (so it is stored, versioned, activated and announced like any other), furthest stage first:
 *
 * <ol>
 * <li>{@code evangelist}: a customer who advocates: a {@code Referral Completed}, or a {@code Survey Responded} from a
 * promoter (NPS 9–10, kept as the event's {@code nps_promoter} property), in the window;</li>
 * <li>{@code customer}: at least one counted order;</li>
 * <li>{@code opportunity}: an {@code Opportunity Created} or {@code Checkout Started} in the window;</li>
 * <li>{@code sales_qualified_lead}: sales qualified them: a {@code Sales Qualified} event in the window;</li>
 * <li>{@code marketing_qualified_lead}: the chosen scoring plan's score reached the threshold;</li>
 * <li>{@code lead}: a {@code Form Submitted} or {@code Signed Up} in the window;</li>
 * <li>{@code subscriber}: identified with an email address;</li>
 * <li>{@code visitor}: everyone else (known only by anonymous activity).</li>
 * </ol>
 *
 * Every stage also matches when the trait {@code lifecycle_stage_override} names it, which is how a CRM or a sales
 * team sets a stage by hand (an identify call). Forward only by default: a customer never moves back down the list.
 */
public final class HubSpotStagePreset {

    public static final String KEY = "hubspot";
    public static final String OVERRIDE_TRAIT = "lifecycle_stage_override";
    public static final String SALES_QUALIFIED = "Sales Qualified";
    public static final String OPPORTUNITY_CREATED = "Opportunity Created";
    public static final String FORM_SUBMITTED = "Form Submitted";
    public static final String SIGNED_UP = "Signed Up";
    public static final String REFERRAL_COMPLETED = "Referral Completed";
    /** The property of {@code Survey Responded} that is 1 for a promoter's answer (NPS 9–10). */
    public static final String NPS_PROMOTER = "nps_promoter";

    public static final String DEFAULT_PLAN = "engagement";
    public static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.valueOf(50);
    public static final int DEFAULT_WINDOW_DAYS = 365;

    private static final Set<String> OPTIONS = Set.of("mql_plan", "mql_threshold", "forward_only", "window_days");

    private HubSpotStagePreset() {
    }

    /**
     * The preset's options.
     *
     * @param mqlPlan the scoring plan whose score makes a marketing-qualified lead
     * @param mqlThreshold the score that does
     * @param forwardOnly whether customers never move back to an earlier stage
     * @param windowDays how far back the events of the event-driven stages count
     */
    public record Options(String mqlPlan, BigDecimal mqlThreshold, boolean forwardOnly, int windowDays) {

        public static Options defaults() {
            return new Options(DEFAULT_PLAN, DEFAULT_THRESHOLD, true, DEFAULT_WINDOW_DAYS);
        }

        public JsonNode toJson() {
            ObjectNode node = LifecycleJson.mapper().createObjectNode();
            node.put("mql_plan", mqlPlan);
            node.put("mql_threshold", mqlThreshold);
            node.put("forward_only", forwardOnly);
            node.put("window_days", windowDays);
            return node;
        }
    }

    /**
     * Reads the options ({@code null} for the defaults), or throws {@link RuleException} with every violation,
     * pointers relative to {@code options}.
     *
     * @param historyDays the days of activity kept: the window may not look further back
     */
    public static Options options(JsonNode options, int historyDays) {
        Options defaults = Options.defaults();
        if (options == null || options.isNull()) {
            return defaults;
        }
        List<RuleViolation> violations = new ArrayList<>();
        if (!options.isObject()) {
            throw new RuleException(List.of(new RuleViolation("", "expected an object like {\"mql_plan\": "
                    + "\"engagement\", \"mql_threshold\": 50}")));
        }
        options.fieldNames().forEachRemaining(name -> {
            if (!OPTIONS.contains(name)) {
                violations.add(new RuleViolation("/" + name,
                        "unknown option \"" + name + "\": expected " + String.join(", ", new TreeSet<>(OPTIONS))));
            }
        });
        String plan = defaults.mqlPlan();
        JsonNode planNode = options.get("mql_plan");
        if (planNode != null) {
            if (planNode.isTextual() && SegmentDefinition.KEY_FORMAT.matcher(planNode.textValue()).matches()) {
                plan = planNode.textValue();
            } else {
                violations.add(new RuleViolation("/mql_plan", "expected a scoring plan key (lowercase letters, "
                        + "digits and _, starting with a letter), found " + planNode));
            }
        }
        BigDecimal threshold = defaults.mqlThreshold();
        JsonNode thresholdNode = options.get("mql_threshold");
        if (thresholdNode != null) {
            if (thresholdNode.isNumber() && thresholdNode.decimalValue().signum() > 0) {
                threshold = thresholdNode.decimalValue();
            } else {
                violations.add(new RuleViolation("/mql_threshold", "expected a score above 0, found "
                        + thresholdNode));
            }
        }
        boolean forwardOnly = defaults.forwardOnly();
        JsonNode forwardNode = options.get("forward_only");
        if (forwardNode != null) {
            if (forwardNode.isBoolean()) {
                forwardOnly = forwardNode.booleanValue();
            } else {
                violations.add(new RuleViolation("/forward_only", "expected true or false, found " + forwardNode));
            }
        }
        int window = defaults.windowDays();
        JsonNode windowNode = options.get("window_days");
        if (windowNode != null) {
            if (windowNode.isIntegralNumber() && windowNode.canConvertToInt() && windowNode.intValue() >= 1
                    && windowNode.intValue() <= historyDays) {
                window = windowNode.intValue();
            } else {
                violations.add(new RuleViolation("/window_days", "expected a whole number of days from 1 to "
                        + historyDays + " (the days of activity kept), found " + windowNode));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleException(violations);
        }
        return new Options(plan, threshold, forwardOnly, window);
    }

    /** The stage model definition, as {@code RuleStageModel} reads it. */
    public static JsonNode definition(Options options) {
        int w = options.windowDays();
        ObjectNode root = LifecycleJson.mapper().createObjectNode();
        ArrayNode stages = root.putArray("stages");
        stage(stages, "evangelist", "Evangelist", any(override("evangelist"), all(orders(),
                any(event(REFERRAL_COMPLETED, w), promoter(w)))));
        stage(stages, "customer", "Customer", any(override("customer"), orders()));
        stage(stages, "opportunity", "Opportunity", any(override("opportunity"), event(OPPORTUNITY_CREATED, w),
                event(CommerceEvents.CHECKOUT_STARTED, w)));
        stage(stages, "sales_qualified_lead", "Sales-qualified lead", any(override("sales_qualified_lead"),
                event(SALES_QUALIFIED, w)));
        ObjectNode score = LifecycleJson.mapper().createObjectNode();
        score.put("score", options.mqlPlan());
        score.put("gte", options.mqlThreshold());
        stage(stages, "marketing_qualified_lead", "Marketing-qualified lead",
                any(override("marketing_qualified_lead"), score));
        stage(stages, "lead", "Lead", any(override("lead"), event(FORM_SUBMITTED, w), event(SIGNED_UP, w)));
        ObjectNode email = LifecycleJson.mapper().createObjectNode();
        email.put("trait", "email");
        email.put("op", "exists");
        stage(stages, "subscriber", "Subscriber", any(override("subscriber"), email));
        stage(stages, "visitor", "Visitor", null);
        if (options.forwardOnly()) {
            root.put("forward_only", true);
        }
        return root;
    }

    private static void stage(ArrayNode stages, String key, String name, JsonNode when) {
        ObjectNode stage = stages.addObject();
        stage.put("key", key);
        stage.put("name", name);
        if (when != null) {
            stage.set("when", when);
        }
    }

    private static JsonNode override(String stage) {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("trait", OVERRIDE_TRAIT);
        node.put("op", "eq");
        node.put("value", stage);
        return node;
    }

    private static JsonNode orders() {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.putObject("orders").put("gte", 1);
        return node;
    }

    private static JsonNode event(String name, int windowDays) {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("event", name);
        node.putObject("count").put("gte", 1);
        node.put("within_days", windowDays);
        return node;
    }

    private static JsonNode promoter(int windowDays) {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        node.put("event", SignalEvents.SURVEY_RESPONDED);
        ObjectNode sum = node.putObject("sum");
        sum.put("property", NPS_PROMOTER);
        sum.put("gte", 1);
        node.put("within_days", windowDays);
        return node;
    }

    private static JsonNode any(JsonNode... conditions) {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode list = node.putArray("any");
        for (JsonNode condition : conditions) {
            list.add(condition);
        }
        return node;
    }

    private static JsonNode all(JsonNode... conditions) {
        ObjectNode node = LifecycleJson.mapper().createObjectNode();
        ArrayNode list = node.putArray("all");
        for (JsonNode condition : conditions) {
            list.add(condition);
        }
        return node;
    }
}
