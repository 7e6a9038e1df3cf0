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
 * @param requireSignedLinks whether hidden fields naming a customer count only under a survey link signature: when
 *        on, a response whose hidden fields name a customer without a {@code signature} is treated like a forged
 *        link (flagged {@code link_verified: false}, attributed to the response alone). On by default, since the
 *        hidden fields of any Typeform URL or embed can be edited by whoever opens it; an endpoint that takes a form
 *        embedded on the shop's own site, which fills {@code user_id} unsigned, turns it off knowingly.
 */
public record TypeformSettings(List<String> userIdFields, List<String> anonymousIdFields, List<String> emailFields,
        List<String> npsRefs, List<String> csatRefs, boolean requireSignedLinks) {

    public static final TypeformSettings DEFAULTS = new TypeformSettings(List.of("user_id", "userid", "customer_id"),
            List.of("anonymous_id"), List.of("email"), List.of("nps"), List.of("csat"), true);

    private static final Set<String> KEYS = Set.of("userIdFields", "anonymousIdFields", "emailFields", "npsRefs",
            "csatRefs", "requireSignedLinks");

    /** Reads settings given through the API, over the defaults; problems go to {@code violations}. */
    public static TypeformSettings parse(JsonNode settings, List<Violation> violations) {
        SettingsReader reader = new SettingsReader(settings, KEYS, violations);
        return new TypeformSettings(reader.strings("userIdFields", DEFAULTS.userIdFields),
                reader.strings("anonymousIdFields", DEFAULTS.anonymousIdFields),
                reader.strings("emailFields", DEFAULTS.emailFields), reader.strings("npsRefs", DEFAULTS.npsRefs),
                reader.strings("csatRefs", DEFAULTS.csatRefs),
                reader.flag("requireSignedLinks", DEFAULTS.requireSignedLinks));
    }

    /**
     * Settings as stored, complete since they were written by {@link #parse}, except that endpoints made before
     * {@code requireSignedLinks} existed lack it: they read as {@code false}, so they keep doing what they did until
     * their owner makes a new endpoint.
     */
    public static TypeformSettings stored(JsonNode settings) {
        return LifecycleJson.mapper().convertValue(settings, TypeformSettings.class);
    }

    public JsonNode toJson() {
        return LifecycleJson.mapper().valueToTree(Map.of("userIdFields", userIdFields, "anonymousIdFields",
                anonymousIdFields, "emailFields", emailFields, "npsRefs", npsRefs, "csatRefs", csatRefs,
                "requireSignedLinks", requireSignedLinks));
    }
}
