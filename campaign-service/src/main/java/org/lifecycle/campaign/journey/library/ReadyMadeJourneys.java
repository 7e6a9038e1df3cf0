package org.lifecycle.campaign.journey.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.lifecycle.campaign.journey.definition.JourneyDefinition;
import org.lifecycle.campaign.journey.definition.JourneyParser;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The journeys a marketer can start from (JOURNEYS.md, "Ready-made journeys"), shipped as JSON under
 * {@code journeys/} on the class path: each is the same JSON a marketer would submit, to copy, adjust and save as
 * their own.
 */
public final class ReadyMadeJourneys {

    /** Every ready-made journey's key; its JSON is {@code journeys/<key>.json}. */
    public static final List<String> KEYS = List.of("welcome_series", "onboarding_tips", "cart_abandonment",
            "post_purchase_thanks", "review_request", "referral_ask", "loyalty_reward", "win_back_at_risk",
            "win_back_lapsed", "sunset_email", "referral_promoter", "detractor_alert", "post_purchase_survey",
            "exit_survey");

    private ReadyMadeJourneys() {
    }

    /** A ready-made journey's JSON, as shipped. */
    public static JsonNode json(String key) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("No ready-made journey " + key + "; there are " + KEYS);
        }
        String resource = "/journeys/" + key + ".json";
        try (InputStream in = ReadyMadeJourneys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return LifecycleJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** A ready-made journey, read and checked like any submitted one. */
    public static JourneyDefinition definition(String key) {
        return JourneyParser.parse(json(key));
    }
}
