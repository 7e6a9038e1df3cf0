package org.lifecycle.ingestion.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The tools that can post to a source through a signed webhook. */
public enum WebhookKind {
    /** Typeform's {@code form_response} webhooks, signed in the {@code Typeform-Signature} header. */
    TYPEFORM,
    /** Zendesk webhooks (from triggers or automations), signed in {@code X-Zendesk-Webhook-Signature}. */
    ZENDESK;

    /** The name in URLs, in the API and in the database: {@code typeform}, {@code zendesk}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst();
    }
}
