package org.lifecycle.campaign.template.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.contracts.dispatch.Channel;

/**
 * A template as a marketer submits it: the key journeys name it by, the channel, and the parts that channel takes,
 * each a Qute template (see README, "Templates").
 */
@Schema(description = "A message template; which parts are required depends on the channel")
public record TemplateDraft(
        @Schema(description = "The key send steps name it by; for an update it may be left out", examples = "win_back_offer") @Pattern(regexp = KEY_PATTERN, message = "must be 1 to 100 of A-Z, a-z, 0-9, _, . and -, starting with a letter or digit") String key,
        @Schema(description = "email, sms, push or webhook") @NotNull Channel channel,
        @Schema(description = "email: required; push: the title, optional") String subject,
        @Schema(description = "email: the preview text inbox lists show after the subject, optional") String preheader,
        @Schema(description = "email: the HTML part, required") String html,
        @Schema(description = "email: the plain-text part, required") String text,
        @Schema(description = "sms and push: the message, required") String body,
        @Schema(description = "webhook: the JSON body to post, required") String payload) {

    public static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}";

    /** The parts given, blank ones left out. */
    public Map<TemplatePart, String> parts() {
        Map<TemplatePart, String> parts = new EnumMap<>(TemplatePart.class);
        put(parts, TemplatePart.SUBJECT, subject);
        put(parts, TemplatePart.PREHEADER, preheader);
        put(parts, TemplatePart.HTML, html);
        put(parts, TemplatePart.TEXT, text);
        put(parts, TemplatePart.BODY, body);
        put(parts, TemplatePart.PAYLOAD, payload);
        return parts;
    }

    /** The same draft under another key, for an update whose body left the key out. */
    public TemplateDraft withKey(String key) {
        return new TemplateDraft(key, channel, subject, preheader, html, text, body, payload);
    }

    private static void put(Map<TemplatePart, String> parts, TemplatePart part, String value) {
        if (value != null && !value.isBlank()) {
            parts.put(part, value);
        }
    }
}
