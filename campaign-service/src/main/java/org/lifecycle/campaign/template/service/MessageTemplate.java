package org.lifecycle.campaign.template.service;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One stored version of a template. Versions are never changed: an update stores the next one. */
@Schema(description = "A version of a message template")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageTemplate(
        String key,
        int version,
        Channel channel,
        String subject,
        String preheader,
        String html,
        String text,
        String body,
        String payload,
        Instant createdAt) {

    public MessageTemplate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
    }

    public static MessageTemplate of(TemplateDraft draft, int version, Instant createdAt) {
        Map<TemplatePart, String> parts = draft.parts();
        return new MessageTemplate(draft.key(), version, draft.channel(), parts.get(TemplatePart.SUBJECT),
                parts.get(TemplatePart.PREHEADER), parts.get(TemplatePart.HTML), parts.get(TemplatePart.TEXT),
                parts.get(TemplatePart.BODY), parts.get(TemplatePart.PAYLOAD), createdAt);
    }

    /** The parts this version has. */
    @JsonIgnore
    public Map<TemplatePart, String> parts() {
        Map<TemplatePart, String> parts = new EnumMap<>(TemplatePart.class);
        for (TemplatePart part : TemplatePart.values()) {
            String value = part(part);
            if (value != null) {
                parts.put(part, value);
            }
        }
        return parts;
    }

    public String part(TemplatePart part) {
        return switch (part) {
            case SUBJECT -> subject;
            case PREHEADER -> preheader;
            case HTML -> html;
            case TEXT -> text;
            case BODY -> body;
            case PAYLOAD -> payload;
        };
    }
}
