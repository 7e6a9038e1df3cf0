package org.lifecycle.campaign.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.campaign.signing.SigningKeys;
import org.lifecycle.contracts.dispatch.Channel;

import io.quarkus.runtime.Startup;

/**
 * The configured webhook endpoints of SMS, push and generic webhooks, each with its signing key. Created at start, so
 * an endpoint configured without a key stops the service there, naming the setting, instead of failing every send.
 */
@Startup
@ApplicationScoped
public class WebhookTargets {

    /** The name of the support desk's endpoint, as send steps name it ({@code "endpoint": "support_desk"}). */
    public static final String SUPPORT_DESK = "support_desk";

    private final Map<Channel, WebhookTarget> targets = new EnumMap<>(Channel.class);
    private final WebhookTarget supportDesk;

    public WebhookTargets(DeliverySettings settings) {
        Resilience resilience = Resilience.of(settings.http());
        add(Channel.SMS, settings.sms(), settings, resilience);
        add(Channel.PUSH, settings.push(), settings, resilience);
        add(Channel.WEBHOOK, settings.webhook(), settings, resilience);
        // A breaker of its own: a support desk that is down must not stop the generic webhook, nor the reverse.
        supportDesk = target("support-desk", settings.supportDesk(), settings, Resilience.of(settings.http()));
    }

    /** The endpoint of a channel; empty while none is configured. */
    public Optional<WebhookTarget> of(Channel channel) {
        return Optional.ofNullable(targets.get(channel));
    }

    /** A named endpoint ({@value #SUPPORT_DESK}); empty while it is not configured or the name is unknown. */
    public Optional<WebhookTarget> named(String endpoint) {
        return SUPPORT_DESK.equals(endpoint) ? Optional.ofNullable(supportDesk) : Optional.empty();
    }

    private void add(Channel channel, DeliverySettings.Endpoint endpoint, DeliverySettings settings,
            Resilience resilience) {
        WebhookTarget target = target(channel.wireName(), endpoint, settings, resilience);
        if (target != null) {
            targets.put(channel, target);
        }
    }

    private static WebhookTarget target(String name, DeliverySettings.Endpoint endpoint, DeliverySettings settings,
            Resilience resilience) {
        if (endpoint.url().isEmpty()) {
            return null;
        }
        SigningKey key = endpoint.signingKey().isPresent()
                ? SigningKey.of(endpoint.signingKey().get(), "lifecycle.delivery." + name + ".signing-key")
                : SigningKeys.load(settings.signingKey().map(List::of), "lifecycle.delivery.signing-key",
                        "LIFECYCLE_DELIVERY_SIGNING_KEY", settings.generateMissingKeys()).getFirst();
        return new WebhookTarget(name, endpoint.url().get(), key, resilience);
    }
}
