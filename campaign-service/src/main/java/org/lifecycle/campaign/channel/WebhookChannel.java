package org.lifecycle.campaign.channel;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Posts messages as signed JSON to webhooks: SMS and push providers' endpoints and generic ones. Each request carries
 * {@value #SIGNATURE_HEADER}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} (the receiver recomputes it
 * with the shared key and refuses stale timestamps, which stops replays), and {@value #IDEMPOTENCY_HEADER}, the
 * message id, so a retry the receiver already took is not applied twice.
 *
 * <p>
 * A 2xx is {@code SENT}; 408, 429, 5xx, a timeout or an I/O error is retried with backoff and ends {@code FAILED} when
 * the retries run out; any other status (a 4xx: the receiver refuses this message on its merits) is {@code REJECTED}
 * at once and never retried. Each endpoint has its own circuit breaker: once it keeps failing, calls fail at once
 * without reaching it until the breaker lets one try again.
 */
@ApplicationScoped
public class WebhookChannel {

    public static final String SIGNATURE_HEADER = "X-Lifecycle-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final WebClient client;
    private final Map<String, GuardedEndpoint> endpoints = new ConcurrentHashMap<>();

    public WebhookChannel(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("lifecycle-campaign-service")
                .setFollowRedirects(false));
    }

    /** Never fails: every failure is an outcome. */
    public Uni<DeliveryOutcome> post(WebhookTarget target, String messageId, String body) {
        GuardedEndpoint endpoint = endpoints.computeIfAbsent(target.name() + " " + target.url(),
                name -> new GuardedEndpoint(name, target.resilience()));
        return endpoint.call(() -> attempt(target, messageId, body));
    }

    /** The signature header's value for a body sent at {@code unixSeconds}. */
    private static String signature(WebhookTarget target, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + target.key().signHex(unixSeconds + "." + body);
    }

    private Uni<DeliveryOutcome> attempt(WebhookTarget target, String messageId, String body) {
        return client.postAbs(target.url().toString())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(SIGNATURE_HEADER, signature(target, Instant.now().getEpochSecond(), body))
                .putHeader(IDEMPOTENCY_HEADER, messageId)
                .timeout(target.resilience().timeout().toMillis())
                .sendBuffer(Buffer.buffer(body))
                .map(response -> outcome(response, messageId));
    }

    private static DeliveryOutcome outcome(HttpResponse<Buffer> response, String messageId) {
        int status = response.statusCode();
        String text = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.sent(text, providerId(response, messageId));
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return DeliveryOutcome.rejected(text + detail(response));
        }
        throw new GuardedEndpoint.TransientRefusal(text);
    }

    /** The provider's id of the message when its answer names one ({@code id}, {@code sid}, ...), else ours. */
    private static String providerId(HttpResponse<Buffer> response, String messageId) {
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE.toString());
        if (contentType != null && contentType.contains("json") && response.body() != null) {
            try {
                JsonNode answer = LifecycleJson.mapper().readTree(response.bodyAsString());
                for (String field : new String[]{"id", "sid", "message_id", "messageId"}) {
                    if (answer != null && answer.path(field).isTextual()) {
                        return answer.path(field).asText();
                    }
                }
            } catch (JsonProcessingException unreadable) {
                // an answer that is not JSON names no id: ours stands
            }
        }
        return messageId;
    }

    /** The start of a refusal's body, which usually says what was wrong with the message. */
    private static String detail(HttpResponse<Buffer> response) {
        String body = response.body() == null ? "" : response.bodyAsString().strip();
        if (body.isEmpty()) {
            return "";
        }
        return ": " + (body.length() > 200 ? body.substring(0, 200) : body).replaceAll("\\s+", " ");
    }
}
