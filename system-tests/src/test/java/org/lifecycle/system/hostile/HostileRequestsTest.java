package org.lifecycle.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's hostile corpus: malformed, oversized, unauthenticated and hostile requests against every public endpoint
 * of the four services, started once as real processes. Each request gets its exact documented 4xx (a problem
 * document naming the field where the service documents one) and none changes anything: the records on every topic,
 * sources, keys and webhooks, journeys and templates, segments, stage models and jobs, profiles and the analytics
 * figures read the same before and after the corpus, and every service is still ready.
 *
 * <p>Before the corpus the test gives the installation something to lose: a source with a working key and one whose
 * keys are revoked, a Typeform and a Zendesk webhook, a customer identified and ordering (so a profile, stage
 * transitions and figures exist), a draft journey, a template and a custom segment, each of which hostile requests
 * try to change.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOURNEY = "hostile_welcome";
    private static final String TEMPLATE = "hostile_note";
    private static final String SEGMENT = "hostile_big_spenders";
    private static final Duration SETTLE = Duration.ofMinutes(3);

    @RegisterExtension
    static final Installation suite = new Installation("hostile");

    private static final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private static final Map<Service, JsonApi> apis = new EnumMap<>(Service.class);
    private static HostileCorpus.Targets targets;
    private static InstallationState state;
    private static Map<String, String> before;

    @BeforeAll
    static void startTheSuiteAndGiveItSomethingToLose() {
        String trackingKey = randomKey();
        Map<Service, Map<String, String>> settings = Map.of(
                Service.INGESTION, Map.of(),
                // Thresholds derived again every second, so the seeded order's job is done before the corpus.
                Service.SEGMENTATION, Map.of("LIFECYCLE_SEGMENTATION_RFM_REFRESH", "1s"),
                Service.CAMPAIGN, Map.of("LIFECYCLE_TRACKING_KEYS", trackingKey),
                // Fits only on request: no fit of its own may start between the two captures.
                Service.ANALYTICS, Map.of("LIFECYCLE_ANALYTICS_PREDICTIONS_CHECK_INTERVAL", "0"));
        for (Service service : Service.values()) {
            processes.put(service, suite.process(service, settings.get(service)));
        }
        ServiceProcess.startTogether(processes.values().toArray(ServiceProcess[]::new));
        processes.forEach((service, process) -> apis.put(service, new JsonApi(process.url())));

        JsonApi ingestion = apis.get(Service.INGESTION);
        Map<String, String> admin = Map.of("Authorization", "Bearer " + suite.adminToken());
        JsonNode shop = created(ingestion.post("/admin/sources", JSON.createObjectNode().put("name", "hostile shop"),
                admin), "POST /admin/sources");
        JsonNode closed = created(ingestion.post("/admin/sources", JSON.createObjectNode().put("name", "closed shop"),
                admin), "POST /admin/sources");
        JsonApi.Response revoked = ingestion.post("/admin/sources/" + closed.path("id").asText() + "/revoke", null,
                admin);
        assertThat(revoked.status()).as("revoke: %s", revoked.body()).isEqualTo(200);
        UUID sourceId = UUID.fromString(shop.path("id").asText());
        String typeformSecret = randomKey();
        String zendeskSecret = randomKey();
        String webhooks = "/admin/sources/" + sourceId + "/webhooks";
        JsonNode typeform = created(ingestion.post(webhooks, JSON.createObjectNode().put("kind", "typeform")
                .put("secret", typeformSecret), admin), "POST typeform webhook");
        JsonNode zendesk = created(ingestion.post(webhooks, JSON.createObjectNode().put("kind", "zendesk")
                .put("secret", zendeskSecret), admin), "POST zendesk webhook");

        String userId = "hostile-ann-" + Long.toString(System.nanoTime(), 36);
        String writeKey = shop.path("writeKey").asText();
        JsonApi.Response events = ingestion.post("/v1/batch", json("""
                {"batch": [
                  {"type": "identify", "userId": "%1$s",
                   "traits": {"email": "%1$s@mail.example.com", "first_name": "Ann"}},
                  {"type": "track", "userId": "%1$s", "event": "Order Completed",
                   "properties": {"order_id": "%1$s-1", "revenue": 42.50, "currency": "GBP"}}]}
                """.formatted(userId)), Map.of("Authorization", basic(writeKey)));
        assertThat(events.status()).as("the genuine events: %s", events.body()).isEqualTo(200);

        JsonApi campaign = apis.get(Service.CAMPAIGN);
        created(campaign.post("/api/templates", json("""
                {"key": "%s", "channel": "email", "subject": "Hello {traits.first_name ?: 'there'}",
                 "html": "<p>Hi</p><p><a href=\\"{links.unsubscribe}\\">Unsubscribe</a></p>",
                 "text": "Hi. Unsubscribe: {links.unsubscribe}"}""".formatted(TEMPLATE)), Map.of()),
                "POST /api/templates");
        created(campaign.post("/api/journeys", json("""
                {"key": "%s", "name": "Welcome", "trigger": {"type": "event", "event": "Signed Up"},
                 "steps": [{"id": "hello", "type": "send", "channel": "email", "template": "%s"},
                           {"id": "pause", "type": "wait", "duration": "P2D"}]}""".formatted(JOURNEY, TEMPLATE)),
                Map.of()), "POST /api/journeys");
        created(apis.get(Service.SEGMENTATION).post("/api/segments", json("""
                {"key": "%s", "name": "Big spenders", "rule": {"revenue": {"gte": 500}, "within_days": 365}}"""
                .formatted(SEGMENT)), Map.of()), "POST /api/segments");

        targets = new HostileCorpus.Targets(suite.adminToken(), writeKey, closed.path("writeKey").asText(), sourceId,
                UUID.fromString(typeform.path("id").asText()), typeformSecret,
                UUID.fromString(zendesk.path("id").asText()), zendeskSecret, trackingKey, JOURNEY, TEMPLATE, SEGMENT,
                userId);
        state = new InstallationState(suite, apis, JOURNEY, TEMPLATE, userId);
        before = settled("the seeded installation to settle", s -> s.get("segmentation profiles").equals("1"));
    }

    static Stream<HostileRequest> corpus() {
        return HostileCorpus.of(targets).stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileRequestGetsItsExactClientError(HostileRequest request) {
        Answer answer = send(request);
        String shown = request + " answered " + answer.status() + " " + answer.contentType() + ": "
                + abbreviate(answer.text());
        assertThat(answer.status()).as(shown).isEqualTo(request.status());
        assertThat(answer.location()).as("no redirect: " + shown).isNull();
        assertThat(answer.text()).as("no stack trace, no file outside the API: " + shown)
                .doesNotContainPattern("\\tat [a-z]+\\.[\\w.$]+\\(").doesNotContain("root:x:0:0")
                .doesNotContain("quarkus.http.port=").doesNotContain("Main-Class");
        if (request.shape() == HostileRequest.Shape.PROBLEM) {
            assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem.path("status").asInt()).as(shown).isEqualTo(request.status());
            if (request.field() != null) {
                assertThat(problem.path("field").asText(null)).as(shown).isEqualTo(request.field());
            }
        }
        assertThat(processes.get(request.service()).isAlive()).as(request.service().module() + " still runs after "
                + request).isTrue();
    }

    @Test
    @Order(2)
    void theCorpusReachesEveryEndpointGroupWithAtLeastFiftyRequests() {
        List<HostileRequest> corpus = HostileCorpus.of(targets);
        Set<String> groups = corpus.stream().map(HostileRequest::group).collect(Collectors.toCollection(TreeSet::new));
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        List<String> endpoints = List.of("ingestion /v1/identify", "ingestion /v1/track", "ingestion /v1/page",
                "ingestion /v1/screen", "ingestion /v1/group", "ingestion /v1/alias", "ingestion /v1/batch",
                "ingestion /v1/import", "ingestion /admin/sources", "ingestion /admin/sources/" + targets.sourceId()
                        + "/webhooks",
                "ingestion /admin/deletions", "ingestion /v1/webhooks/typeform/",
                "ingestion /v1/webhooks/zendesk/", "campaign /t/o/", "campaign /t/c/", "campaign /t/u/",
                "campaign /api/journeys", "campaign /api/templates", "segmentation /api/segments",
                "segmentation /api/stage-models", "segmentation /api/profiles", "segmentation /api/lifecycle-map",
                "segmentation /api/jobs", "analytics /api/analytics/daily", "analytics /api/analytics/summary",
                "analytics /api/analytics/stages", "analytics /api/analytics/cohorts",
                "analytics /api/analytics/campaigns", "analytics /api/analytics/predictions",
                "analytics /api/analytics/recommendations", "analytics /dashboard/..", "analytics /dashboard/%2e%2e",
                "analytics /dashboard/api/");
        for (String endpoint : endpoints) {
            assertThat(corpus).as("requests to " + endpoint)
                    .anyMatch(r -> (r.service().shortName() + " " + r.path()).startsWith(endpoint));
        }
        System.out.println("Hostile corpus: " + corpus.size() + " requests over " + groups.size()
                + " endpoint groups");
    }

    @Test
    @Order(3)
    void theCorpusChangedNothingAndEveryServiceIsStillReady() {
        Map<String, String> after = settled("the installation to settle after the corpus", s -> true);
        assertThat(after).as("the installation's state after the corpus").isEqualTo(before);
        for (ServiceProcess process : processes.values()) {
            Answer ready = send(HostileRequest.of("readiness").get(process.service(), "/q/health/ready"));
            assertThat(ready.status()).as(process.service().module() + " /q/health/ready: " + ready.text())
                    .isEqualTo(200);
        }
    }

    /**
     * Waits until every consumer has applied every record, segmentation-service runs no job, and two captures a
     * second apart agree (and satisfy {@code ready}); returns the last capture.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> settled(String what, Predicate<Map<String, String>> ready) {
        AtomicReference<Map<String, String>> previous = new AtomicReference<>();
        Object settled = Poll.until(what, SETTLE, Duration.ofSeconds(1), () -> {
            List<String> unapplied = state.unapplied();
            if (!unapplied.isEmpty()) {
                previous.set(null);
                return "records not applied yet: " + unapplied;
            }
            if (!state.jobsDone()) {
                previous.set(null);
                return "segmentation-service still runs a job";
            }
            Map<String, String> now = state.capture();
            Map<String, String> earlier = previous.getAndSet(now);
            if (!ready.test(now)) {
                return "not there yet: " + now;
            }
            return now.equals(earlier) ? now : "changed within the last second: " + now;
        }, answer -> answer instanceof Map);
        return (Map<String, String>) settled;
    }

    /**
     * The request as written: the path is not normalised, the body is sent byte for byte, no redirect followed. Each
     * on a connection of its own, as separate clients would send them: a server may close a connection after refusing
     * a request (a request line over its limit), and a pooled connection would carry that into the next request.
     */
    private static Answer send(HostileRequest request) {
        URI uri = URI.create(processes.get(request.service()).url() + request.path());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, String location, String text) {

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + abbreviate(text), e);
            }
        }
    }

    private static JsonNode created(JsonApi.Response response, String what) {
        assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String basic(String writeKey) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
