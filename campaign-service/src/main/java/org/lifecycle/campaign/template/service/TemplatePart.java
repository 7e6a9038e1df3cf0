package org.lifecycle.campaign.template.service;

import java.util.Set;

import org.lifecycle.contracts.dispatch.Channel;

import io.quarkus.qute.Variant;

/**
 * The parts a message template may have, each a Qute template, and which channel needs or allows which: an email has
 * a subject, an HTML and a plain-text part and may have a preheader; an SMS a body; a push a body and may have a
 * title (its subject); a webhook a JSON payload.
 */
public enum TemplatePart {

    SUBJECT("subject", "text/plain", 1_000, Set.of(Channel.EMAIL), Set.of(Channel.EMAIL, Channel.PUSH)), PREHEADER(
            "preheader", "text/plain", 1_000, Set.of(), Set.of(Channel.EMAIL)), HTML("html", "text/html", 512_000,
                    Set.of(Channel.EMAIL), Set.of(Channel.EMAIL)), TEXT("text", "text/plain", 256_000,
                            Set.of(Channel.EMAIL), Set.of(Channel.EMAIL)), BODY("body", "text/plain", 10_000,
                                    Set.of(Channel.SMS, Channel.PUSH),
                                    Set.of(Channel.SMS, Channel.PUSH)), PAYLOAD("payload", "application/json", 256_000,
                                            Set.of(Channel.WEBHOOK), Set.of(Channel.WEBHOOK));

    private final String field;
    private final Variant variant;
    private final int maxLength;
    private final Set<Channel> requiredFor;
    private final Set<Channel> allowedFor;

    TemplatePart(String field, String contentType, int maxLength, Set<Channel> requiredFor,
            Set<Channel> allowedFor) {
        this.field = field;
        this.variant = Variant.forContentType(contentType);
        this.maxLength = maxLength;
        this.requiredFor = requiredFor;
        this.allowedFor = allowedFor;
    }

    /** The part's name in the REST API and in problem JSON. */
    public String field() {
        return field;
    }

    /** The content type Qute escapes values for: HTML in {@code html}, JSON strings in {@code payload}. */
    Variant variant() {
        return variant;
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean requiredFor(Channel channel) {
        return requiredFor.contains(channel);
    }

    public boolean allowedFor(Channel channel) {
        return allowedFor.contains(channel);
    }
}
