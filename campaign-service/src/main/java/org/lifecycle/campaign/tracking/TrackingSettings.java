package org.lifecycle.campaign.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tracking links and the events they emit: {@code lifecycle.tracking.*} (environment: {@code LIFECYCLE_TRACKING_...}). */
@ConfigMapping(prefix = "lifecycle.tracking")
public interface TrackingSettings {

    /**
     * This service's address as recipients reach it, e.g. {@code https://t.acme.example}: open pixels, click links and
     * unsubscribe links start with it.
     */
    @WithDefault("http://127.0.0.1:8083")
    URI baseUrl();

    /**
     * The keys that sign tracking tokens ({@code LIFECYCLE_TRACKING_KEYS}, comma-separated, each at least 32
     * characters): the first signs new links, every one verifies, so a key is rotated by putting a new one first and
     * dropping the old one once the mail it signed has aged out. Required in production.
     */
    Optional<List<String>> keys();

    /** Development and tests only: a random key when none is configured. */
    @WithDefault("false")
    boolean generateMissingKeys();

    /**
     * Hits of one kind on one message (and one link) within this time of the last one that counted count once: a
     * double click, or a mail client fetching the pixel twice, is one event.
     */
    @WithDefault("10m")
    Duration dedupeWindow();

    /**
     * Whether opening an unsubscribe link unsubscribes at once. When false, the page asks to confirm with a button,
     * for mailboxes whose link scanners open every link; one-click unsubscribe (POST) always unsubscribes.
     */
    @WithDefault("true")
    boolean unsubscribeOnGet();

    Relay relay();

    interface Relay {

        /** Off only in tests that play the relay's part by hand. */
        @WithDefault("true")
        boolean enabled();

        /** How long the relay sleeps when its outbox is empty and nothing in this process woke it. */
        @WithDefault("200ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();
    }
}
