package org.lifecycle.campaign.tracking.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.campaign.tracking.ConsentStore;
import org.lifecycle.campaign.tracking.TrackingSettings;
import org.lifecycle.campaign.tracking.TrackingToken;
import org.lifecycle.campaign.tracking.messaging.TrackingEventRelay;
import org.lifecycle.campaign.tracking.repository.TrackingHitRepository;
import org.lifecycle.campaign.tracking.repository.TrackingOutboxRepository;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Records what recipients do with tracking links. In one transaction: whether the hit counts (not a repeat within the
 * dedupe window), the event for {@code lifecycle.events} in the outbox, and for an unsubscribe the consent
 * withdrawal, so the event and the consent change commit together or not at all. The relay publishes the event after
 * the commit. A preview's links record nothing.
 */
@ApplicationScoped
public class TrackingService {

    private final Pool pool;
    private final TrackingHitRepository hits;
    private final TrackingOutboxRepository outbox;
    private final ConsentStore consent;
    private final TrackingEventRelay relay;
    private final TrackingSettings settings;
    private final String eventsTopic;

    public TrackingService(Pool pool, TrackingHitRepository hits, TrackingOutboxRepository outbox,
            ConsentStore consent, TrackingEventRelay relay, TrackingSettings settings,
            @ConfigProperty(name = "lifecycle.topic-prefix") Optional<String> topicPrefix) {
        this.pool = pool;
        this.hits = hits;
        this.outbox = outbox;
        this.consent = consent;
        this.relay = relay;
        this.settings = settings;
        this.eventsTopic = Topics.prefixed(topicPrefix.orElse(""), Topics.EVENTS);
    }

    /**
     * Records a hit.
     *
     * @return whether it counted and emitted an event (false for a repeat within the window, or a preview)
     */
    public Uni<Boolean> record(TrackingEvents.Hit hit, TrackingToken token, String userAgent) {
        if (token.preview()) {
            return Uni.createFrom().item(false);
        }
        Instant at = Instant.now();
        CustomerEvent event = TrackingEvents.event(hit, token, at, userAgent);
        return pool.withTransaction(tx -> hits.count(tx, token.messageId(), hit.key(), TrackingEvents.detail(hit,
                token), at, settings.dedupeWindow())
                .flatMap(counts -> {
                    if (!counts) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> announced = outbox.append(tx, eventsTopic, event.identityKey(),
                            LifecycleJson.mapper().valueToTree(event).toString());
                    if (hit == TrackingEvents.Hit.UNSUBSCRIBED) {
                        announced = announced.flatMap(done -> consent.withdraw(tx, token.customerKey(),
                                token.channel(), at, token.messageId(), event.id()));
                    }
                    return announced.replaceWith(true);
                }))
                .invoke(counted -> {
                    if (counted) {
                        relay.wake();
                    }
                });
    }
}
