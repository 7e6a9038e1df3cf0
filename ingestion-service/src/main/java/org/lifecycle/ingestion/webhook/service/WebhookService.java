package org.lifecycle.ingestion.webhook.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;
import org.lifecycle.ingestion.problem.Violation;
import org.lifecycle.ingestion.tracking.service.BodyDecoder;
import org.lifecycle.ingestion.tracking.service.TrackingLimits;
import org.lifecycle.ingestion.tracking.service.TrackingService;
import org.lifecycle.ingestion.webhook.WebhookKind;
import org.lifecycle.ingestion.webhook.repository.WebhookEndpoint;
import org.lifecycle.ingestion.webhook.repository.WebhookEndpointRepository;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Signed webhooks from survey and help-desk tools: endpoints are created per source through the admin API; a request
 * is accepted only with a valid signature of its exact bytes, then mapped to one track event and published through
 * the tracking pipeline, so it is validated, enriched and acknowledged like any other event. A request that is not
 * authentic or cannot be mapped puts nothing on Kafka.
 */
@ApplicationScoped
public class WebhookService {

    /** An endpoint as the admin API shows it; the secret only in the answer to its creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointView(UUID id, UUID sourceId, String kind, String path, JsonNode settings, Instant createdAt,
            Instant disabledAt, String secret) {
    }

    private static final String UNAUTHENTIC = "The request is not signed by this webhook's secret";

    private final WebhookEndpointRepository endpoints;
    private final TrackingService tracking;
    private final TrackingLimits limits;
    private final Clock clock;
    private final Duration zendeskMaxAge;
    private final SurveyLinkKeys surveyLinkKeys;

    public WebhookService(WebhookEndpointRepository endpoints, TrackingService tracking, TrackingLimits limits,
            Clock clock,
            @ConfigProperty(name = "lifecycle.ingestion.webhooks.zendesk-max-age", defaultValue = "1h") Duration zendeskMaxAge,
            SurveyLinkKeys surveyLinkKeys) {
        this.surveyLinkKeys = surveyLinkKeys;
        this.endpoints = endpoints;
        this.tracking = tracking;
        this.limits = limits;
        this.clock = clock;
        this.zendeskMaxAge = zendeskMaxAge;
    }

    public Uni<EndpointView> create(UUID sourceId, JsonNode request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null || !request.isObject()) {
            throw ProblemException.field(ProblemType.INVALID_FIELD, "body", "must be a JSON object");
        }
        String kindText = request.path("kind").asText(null);
        Optional<WebhookKind> kind = WebhookKind.fromWire(kindText);
        if (kind.isEmpty()) {
            throw ProblemException.field(ProblemType.INVALID_FIELD, "kind", "must be typeform or zendesk");
        }
        JsonNode secretNode = request.get("secret");
        String secret = null;
        if (secretNode != null && !secretNode.isNull()) {
            if (!secretNode.isTextual() || secretNode.textValue().strip().length() < 16
                    || secretNode.textValue().length() > 512) {
                violations.add(Violation.of("secret", "must be a string of 16 to 512 characters"));
            } else {
                secret = secretNode.textValue().strip();
            }
        } else if (kind.get() == WebhookKind.ZENDESK) {
            violations.add(Violation.of("secret",
                    "is required: Zendesk makes the signing secret; copy it from the webhook's page in Zendesk"));
        } else {
            secret = Signatures.newSecret();
        }
        JsonNode settings = switch (kind.get()) {
            case TYPEFORM -> TypeformSettings.parse(request.get("settings"), violations).toJson();
            case ZENDESK -> ZendeskSettings.parse(request.get("settings"), violations).toJson();
        };
        for (var names = request.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("kind", "secret", "settings").contains(name)) {
                violations.add(Violation.of(name, "is not a field of a webhook endpoint (kind, secret, settings)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELD, violations.getFirst().field() + ": "
                    + violations.getFirst().detail() + ". Nothing was created.", violations);
        }
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID(), sourceId, kind.get(), secret, settings,
                clock.instant().truncatedTo(ChronoUnit.MICROS), null);
        String shown = secret;
        return requireSource(sourceId).chain(() -> endpoints.insert(endpoint))
                .invoke(saved -> Log.infof("Created %s webhook %s for source %s", saved.kind().wire(), saved.id(),
                        sourceId))
                .map(saved -> view(saved, shown));
    }

    public Uni<List<EndpointView>> list(UUID sourceId) {
        return requireSource(sourceId).chain(() -> endpoints.ofSource(sourceId))
                .map(all -> all.stream().map(e -> view(e, null)).toList());
    }

    public Uni<Void> disable(UUID sourceId, UUID id) {
        return endpoints.disable(sourceId, id, clock.instant().truncatedTo(ChronoUnit.MICROS)).invoke(found -> {
            if (!found) {
                throw ProblemException.field(ProblemType.NOT_FOUND, "id",
                        "Source " + sourceId + " has no webhook endpoint " + id);
            }
        }).replaceWithVoid();
    }

    /** A Typeform delivery: {@code Typeform-Signature: sha256=…} over the body. */
    public Uni<Void> typeform(String endpointId, byte[] rawBody, String contentType, String signature) {
        return endpoint(endpointId, WebhookKind.TYPEFORM, "Typeform-Signature").chain(endpoint -> {
            if (!Signatures.matches(Signatures.typeform(endpoint.secret(), rawBody), signature)) {
                throw unauthentic("Typeform-Signature");
            }
            JsonNode payload = parse(rawBody, contentType);
            List<Violation> violations = new ArrayList<>();
            ObjectNode message = TypeformMapper.map(payload, TypeformSettings.stored(endpoint.settings()),
                    surveyLinkKeys.keys(), violations);
            return publish(endpoint, message, violations);
        });
    }

    /** A Zendesk delivery: base64 HMAC of the timestamp header and the body. */
    public Uni<Void> zendesk(String endpointId, byte[] rawBody, String contentType, String signature,
            String timestamp) {
        return endpoint(endpointId, WebhookKind.ZENDESK, "X-Zendesk-Webhook-Signature").chain(endpoint -> {
            if (timestamp == null || timestamp.isBlank()) {
                throw unauthentic("X-Zendesk-Webhook-Signature-Timestamp");
            }
            if (!Signatures.matches(Signatures.zendesk(endpoint.secret(), timestamp.strip(), rawBody), signature)) {
                throw unauthentic("X-Zendesk-Webhook-Signature");
            }
            Instant signedAt = signedAt(timestamp.strip());
            JsonNode payload = parse(rawBody, contentType);
            List<Violation> violations = new ArrayList<>();
            ObjectNode message = ZendeskMapper.map(payload, ZendeskSettings.stored(endpoint.settings()), signedAt,
                    violations);
            return publish(endpoint, message, violations);
        });
    }

    private Uni<Void> publish(WebhookEndpoint endpoint, ObjectNode message, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELD, violations.getFirst().field() + ": "
                    + violations.getFirst().detail() + ". Nothing from this request was accepted.", violations);
        }
        return tracking.acceptFromSource(endpoint.sourceId(), LifecycleJson.encode(message));
    }

    /**
     * The signed timestamp, which must be recent: an old delivery replayed by someone who captured it is refused even
     * though its signature is genuine.
     */
    private Instant signedAt(String timestamp) {
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "X-Zendesk-Webhook-Signature-Timestamp",
                    "must be an ISO-8601 date-time");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(zendeskMaxAge)) || at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "X-Zendesk-Webhook-Signature-Timestamp",
                    "The signature was made at " + at + ", too far from now to be accepted");
        }
        return at;
    }

    /**
     * The active endpoint of that kind. An unknown, disabled or malformed id is answered like a wrong signature, so
     * the API tells nothing about which endpoints exist.
     */
    private Uni<WebhookEndpoint> endpoint(String id, WebhookKind kind, String signatureHeader) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(unauthentic(signatureHeader));
        }
        return endpoints.find(uuid).map(found -> found.filter(e -> e.active() && e.kind() == kind)
                .orElseThrow(() -> unauthentic(signatureHeader)));
    }

    private JsonNode parse(byte[] rawBody, String contentType) {
        byte[] body = BodyDecoder.decode(rawBody, contentType, null, limits.maxBatchBytes());
        try {
            return LifecycleJson.mapper().readTree(body);
        } catch (IOException e) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The body is not valid JSON");
        }
    }

    private Uni<Void> requireSource(UUID sourceId) {
        return endpoints.sourceExists(sourceId).invoke(exists -> {
            if (!exists) {
                throw ProblemException.field(ProblemType.NOT_FOUND, "id", "No source with id " + sourceId);
            }
        }).replaceWithVoid();
    }

    private static ProblemException unauthentic(String header) {
        return ProblemException.field(ProblemType.UNAUTHORIZED, header, UNAUTHENTIC);
    }

    private static EndpointView view(WebhookEndpoint endpoint, String secret) {
        return new EndpointView(endpoint.id(), endpoint.sourceId(), endpoint.kind().wire(),
                "/v1/webhooks/" + endpoint.kind().wire() + "/" + endpoint.id(), endpoint.settings(),
                endpoint.createdAt(), endpoint.disabledAt(), secret);
    }
}
