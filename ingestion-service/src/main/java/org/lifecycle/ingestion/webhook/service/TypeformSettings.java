package org.lifecycle.ingestion.webhook.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a Typeform response names the customer and which questions carry scores.
 *
 * @param userIdFields hidden fields holding the shop's user id, first present wins
 * @param anonymousIdFields hidden fields holding the visitor's anonymous id
 * @param emailFields hidden fields holding an email address (an answer of type email is used too)
 * @param npsRefs references of questions that are a Net Promoter Score (0–10), besides every question of type
 *        {@code nps}
 * @param csatRefs references of questions that are a customer-satisfaction score
 */
public record TypeformSettings(List<String> userIdFields, List<String> anonymousIdFields, List<String> emailFields,
        List<String> npsRefs, List<String> csatRefs) {

    public static final TypeformSettings DEFAULTS = new TypeformSettings(List.of("user_id", "userid", "customer_id"),
            List.of("anonymous_id"), List.of("email"), List.of("nps"), List.of("csat"));

    private static final Set<String> KEYS = Set.of("userIdFields", "anonymousIdFields", "emailFields", "npsRefs",
            "csatRefs");

    /** Reads settings given through the API, over the defaults; problems go to {@code violations}. */
    public static TypeformSettings parse(JsonNode settings, List<Violation> violations) {
        SettingsReader reader = new SettingsReader(settings, KEYS, violations);
        return new TypeformSettings(reader.strings("userIdFields", DEFAULTS.userIdFields),
                reader.strings("anonymousIdFields", DEFAULTS.anonymousIdFields),
                reader.strings("emailFields", DEFAULTS.emailFields), reader.strings("npsRefs", DEFAULTS.npsRefs),
                reader.strings("csatRefs", DEFAULTS.csatRefs));
    }

    /** Settings as stored: always complete, since they were written by {@link #parse}. */
    public static TypeformSettings stored(JsonNode settings) {
        return LifecycleJson.mapper().convertValue(settings, TypeformSettings.class);
    }

    public JsonNode toJson() {
        return LifecycleJson.mapper().valueToTree(Map.of("userIdFields", userIdFields, "anonymousIdFields",
                anonymousIdFields, "emailFields", emailFields, "npsRefs", npsRefs, "csatRefs", csatRefs));
    }
}
