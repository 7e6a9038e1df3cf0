package org.lifecycle.campaign.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How messages leave the service: {@code lifecycle.delivery.*} (environment: {@code LIFECYCLE_DELIVERY_...}). The SMTP
 * server itself (host, port, TLS, credentials) is Quarkus's mailer: {@code quarkus.mailer.*}.
 */
@ConfigMapping(prefix = "lifecycle.delivery")
public interface DeliverySettings {

    Email email();

    /** The SMS provider's webhook. */
    Endpoint sms();

    /** The push provider's webhook. */
    Endpoint push();

    /** The generic webhook, e.g. an ad platform's audience sync. */
    Endpoint webhook();

    /**
     * The support desk's webhook ({@code LIFECYCLE_DELIVERY_SUPPORT_DESK_URL}): webhook messages of send steps with
     * {@code "endpoint": "support_desk"} (the NPS detractor alert) go here and nowhere else; its own signing key is
     * {@code LIFECYCLE_DELIVERY_SUPPORT_DESK_SIGNING_KEY}.
     */
    Endpoint supportDesk();

    /**
     * The key that signs every webhook body whose endpoint has no key of its own ({@code LIFECYCLE_DELIVERY_SIGNING_KEY},
     * at least 32 characters). Required as soon as an endpoint is configured; only from the environment or a secret.
     */
    Optional<String> signingKey();

    /** Development and tests only: a random signing key when none is configured. */
    @WithDefault("false")
    boolean generateMissingKeys();

    /** Timeout, retries and breaker of calls to the SMTP server. */
    Guard smtp();

    /** Timeout, retries and breaker of calls to each webhook endpoint. */
    Guard http();

    interface Email {

        /** The From address, e.g. {@code Acme <news@acme.example>}. */
        @WithDefault("Lifecycle <no-reply@localhost>")
        String from();

        Optional<String> replyTo();

        /**
         * A mailbox that takes unsubscribe requests by mail, offered beside the one-click link in
         * {@code List-Unsubscribe}; left out when not set (the company processes that mailbox itself).
         */
        Optional<String> unsubscribeMailto();

        /** The domain of the {@code Message-ID}s; by default the From address's domain. */
        Optional<String> messageIdDomain();
    }

    interface Endpoint {

        /** Where messages of the channel are posted; the channel is off while unset. */
        Optional<URI> url();

        /** This endpoint's own signing key, when it differs from {@code lifecycle.delivery.signing-key}. */
        Optional<String> signingKey();
    }

    interface Guard {

        /** How long one attempt may take. */
        @WithDefault("10s")
        Duration timeout();

        /** Attempts after the first, on a timeout, an I/O error or a transient refusal (5xx, 408, 429). */
        @WithDefault("3")
        int retries();

        /** The wait before the first retry; each next wait doubles, with jitter, up to {@code max-backoff}. */
        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** How many of the latest attempts the circuit breaker judges. */
        @WithDefault("20")
        int breakerWindow();

        /** The share of failed attempts in the window that opens the breaker. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long an open breaker fails calls at once before it lets one through to try. */
        @WithDefault("30s")
        Duration breakerDelay();
    }
}
