package org.lifecycle.campaign.tracking;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.signing.SigningKeys;

import io.quarkus.runtime.Startup;

/**
 * The tracking links of messages (open pixel, click, unsubscribe) under {@code lifecycle.tracking.base-url}, and the
 * check of a link that comes back. Created at start, so a production service without token keys stops there with the
 * setting's name instead of failing its first send.
 */
@Startup
@ApplicationScoped
public class TrackingLinks {

    /** The path every tracking link starts with, after the base URL. */
    public static final String PATH = "/t/";

    private final String base;
    private final TrackingTokens tokens;

    public TrackingLinks(TrackingSettings settings) {
        String url = settings.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.tokens = new TrackingTokens(SigningKeys.load(settings.keys(), "lifecycle.tracking.keys",
                "LIFECYCLE_TRACKING_KEYS", settings.generateMissingKeys()));
    }

    public String openPixel(MessageRef message) {
        return link(message.token(TrackingToken.Kind.OPEN, null));
    }

    /**
     * A link that records the click and leads to {@code url}; only http and https destinations are tracked, and
     * the caller leaves any other link (mailto:, tel:, an anchor) as it is.
     */
    public String click(MessageRef message, String url) {
        if (!isTrackable(url)) {
            throw new IllegalArgumentException("only http and https links are tracked");
        }
        return link(message.token(TrackingToken.Kind.CLICK, url));
    }

    public String unsubscribe(MessageRef message) {
        return link(message.token(TrackingToken.Kind.UNSUBSCRIBE, null));
    }

    /** Whether a link's destination is one a click link may lead to: an absolute http or https URL. */
    public static boolean isTrackable(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a URL is already one of this service's tracking links (an unsubscribe link in a template). */
    public boolean isTrackingLink(String url) {
        return url.startsWith(base + PATH);
    }

    /** The token of a link that came back, when it is genuine and of the kind the endpoint serves. */
    public Optional<TrackingToken> verify(String token, TrackingToken.Kind kind) {
        return tokens.verify(token, kind);
    }

    private String link(TrackingToken token) {
        return base + PATH + token.kind().code() + "/" + tokens.sign(token);
    }
}
