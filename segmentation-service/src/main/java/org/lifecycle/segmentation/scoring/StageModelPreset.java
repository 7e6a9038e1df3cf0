package org.lifecycle.segmentation.scoring;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.segmentation.problem.ProblemException;
import org.lifecycle.segmentation.problem.Violation;
import org.lifecycle.segmentation.rule.RuleException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A ready-made stage model a company picks through the stage model API ({@code {"preset": "hubspot", "options":
 * {...}}}) instead of writing the stages itself; it is stored as an ordinary rule-based version.
 *
 * @param options the options and their defaults
 * @param definition the stage model the defaults make
 */
@Schema(name = "StageModelPreset", description = "A ready-made stage model and its options")
public record StageModelPreset(String key, String name, String description, JsonNode options, JsonNode definition) {

    /** Every preset, with its default options. */
    public static List<StageModelPreset> all() {
        HubSpotStagePreset.Options defaults = HubSpotStagePreset.Options.defaults();
        return List.of(new StageModelPreset(HubSpotStagePreset.KEY, "HubSpot lifecycle stages",
                "subscriber, lead, marketing-qualified lead (a scoring plan's score), sales-qualified lead "
                        + "(Sales Qualified event), opportunity (Opportunity Created, Checkout Started), customer "
                        + "(an order), evangelist (a referral or a promoter's NPS answer); the trait "
                        + HubSpotStagePreset.OVERRIDE_TRAIT + " sets a stage by hand; forward only by default",
                defaults.toJson(), HubSpotStagePreset.definition(defaults)));
    }

    /**
     * The definition a preset request makes: {@code preset} names the preset, {@code options} tunes it. Violations
     * are added to {@code violations}, pointed at in the body; {@code null} when there are any.
     */
    public static JsonNode definition(JsonNode preset, JsonNode options, int historyDays, List<Violation> violations) {
        if (preset == null || !preset.isTextual() || !preset.textValue().equals(HubSpotStagePreset.KEY)) {
            violations.add(new Violation("/preset", "unknown preset " + preset + ": expected \""
                    + HubSpotStagePreset.KEY + "\""));
            return null;
        }
        try {
            return HubSpotStagePreset.definition(HubSpotStagePreset.options(options, historyDays));
        } catch (RuleException e) {
            violations.addAll(ProblemException.invalidRule("/options", e).violations());
            return null;
        }
    }

    /** The violations of a request that gives both a definition and a preset, or options without a preset. */
    public static List<Violation> mixed(JsonNode body) {
        List<Violation> out = new ArrayList<>();
        if (body.has("preset") && body.has("definition")) {
            out.add(new Violation("/preset", "give either a definition or a preset, not both"));
        }
        if (body.has("options") && !body.has("preset")) {
            out.add(new Violation("/options", "options tune a preset: name it with preset"));
        }
        return out;
    }
}
