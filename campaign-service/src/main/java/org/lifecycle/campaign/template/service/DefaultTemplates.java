package org.lifecycle.campaign.template.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The templates the ready-made journeys send, shipped under {@code message-templates/} on the class path so the
 * journey library works out of the box: {@code <key>.json} holds the channel, subject and preheader,
 * {@code <key>.html} the HTML part and {@code <key>.txt} the plain-text part of an email or the body of an SMS or push.
 * They are stored as version 1 of their key when the key is new, and from then on they are the company's to edit.
 */
public final class DefaultTemplates {

    /** Every default template's key, as the ready-made journeys' send steps name them. */
    public static final List<String> KEYS = List.of(
            "welcome_1_hello", "welcome_2_brand_story", "welcome_3_first_order_discount", "welcome_3_bestsellers",
            "onboarding_1_getting_started", "onboarding_2_care_tips", "onboarding_3_app_tip",
            "onboarding_3_app_tip_email", "cart_reminder_1", "cart_reminder_2_free_shipping",
            "cart_reminder_2_last_call", "post_purchase_thanks", "review_request", "review_request_reminder",
            "referral_invite", "referral_reminder_sms", "referral_reminder", "loyalty_reward",
            "loyalty_reward_reminder", "win_back_offer", "win_back_offer_reminder", "win_back_lapsed_offer",
            "win_back_lapsed_offer_sms", "sunset_hello_sms", "sunset_hello_push",
            "support_detractor_alert", "survey_post_purchase", "survey_post_purchase_sms", "survey_exit");

    private static final String FOLDER = "/message-templates/";

    private DefaultTemplates() {
    }

    public static List<TemplateDraft> all() {
        return KEYS.stream().map(DefaultTemplates::draft).toList();
    }

    public static TemplateDraft draft(String key) {
        JsonNode meta;
        try {
            meta = LifecycleJson.mapper().readTree(read(key + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the default template " + key, e);
        }
        Channel channel = LifecycleJson.mapper().convertValue(meta.path("channel"), Channel.class);
        String subject = meta.path("subject").asText(null);
        String preheader = meta.path("preheader").asText(null);
        String text = read(key + ".txt");
        return switch (channel) {
            case EMAIL -> new TemplateDraft(key, channel, subject, preheader, read(key + ".html"), text, null, null);
            case SMS, PUSH -> new TemplateDraft(key, channel, subject, null, null, null, text, null);
            case WEBHOOK -> new TemplateDraft(key, channel, null, null, null, null, null, text);
        };
    }

    private static String read(String name) {
        try (InputStream in = DefaultTemplates.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FOLDER + name, e);
        }
    }
}
