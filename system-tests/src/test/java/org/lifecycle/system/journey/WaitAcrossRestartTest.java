package org.lifecycle.system.journey;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journey's wait survives a crash: a customer signs up (through ingestion-service's tracking API), the journey
 * waits a minute and then texts them through the SMS provider's webhook. campaign-service is killed with
 * {@code kill -9} while the wait runs and started again: the text still goes out, once, after its due moment, signed
 * with the delivery key, to the customer's phone.
 */
class WaitAcrossRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final String SIGNING_KEY = "wait-across-restart-signing-key-0123456789";

    @RegisterExtension
    static final Installation suite = new Installation("waitrestart");

    private static HttpServer provider;
    private static final List<Received> texts = new CopyOnWriteArrayList<>();

    private record Received(Instant at, String signature, String raw, JsonNode body) {
    }

    @BeforeAll
    static void startSmsProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/sms", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            texts.add(new Received(Instant.now(), exchange.getRequestHeaders().getFirst("X-Lifecycle-Signature"),
                    new String(body, StandardCharsets.UTF_8), JSON.readTree(body)));
            byte[] answer = "{\"sid\":\"SM1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        provider.start();
    }

    @AfterAll
    static void stopSmsProvider() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aWaitingJourneyTextsTheCustomerOnceAfterCampaignServiceIsKilledAndRestarted() throws Exception {
        String customer = "sam-" + Long.toString(System.nanoTime(), 36);
        ServiceProcess ingestion = suite.process(Service.INGESTION, Map.of());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("LIFECYCLE_TRACKING_KEYS", "wait-across-restart-tracking-key-0123456789");
        settings.put("LIFECYCLE_DELIVERY_SMS_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/sms");
        settings.put("LIFECYCLE_DELIVERY_SIGNING_KEY", SIGNING_KEY);
        ServiceProcess campaign = suite.process(Service.CAMPAIGN, settings);
        ServiceProcess.startTogether(ingestion, campaign);

        JsonApi journeys = new JsonApi(campaign.url());
        ObjectNode journey = (ObjectNode) JSON.readTree("""
                {"key": "text_after_signup", "name": "Text after sign-up",
                 "trigger": {"type": "event", "event": "Signed Up"},
                 "steps": [{"id": "pause", "type": "wait", "duration": "PT1M"},
                           {"id": "text", "type": "send", "channel": "sms", "template": "referral_reminder_sms"}]}""");
        assertThat(journeys.post("/api/journeys", journey, Map.of()).status()).isEqualTo(201);
        assertThat(journeys.post("/api/journeys/text_after_signup/activate", null, Map.of()).status())
                .isEqualTo(200);

        Instant signedUp = Instant.now();
        JsonApi.Response sent = new JsonApi(ingestion.url()).post("/v1/batch", batch(customer, signedUp),
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((createSource(ingestion) + ":").getBytes(StandardCharsets.UTF_8))));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        Poll.until("the customer to wait in the journey", Duration.ofMinutes(2), Duration.ofMillis(250),
                () -> journeys.get("/api/customers/" + customer + "/enrollments").toString(),
                enrollments -> enrollments.contains("text_after_signup") && enrollments.contains("waiting"));
        campaign.kill();
        assertThat(texts).as("no text while the wait runs").isEmpty();
        campaign.restart();

        Instant due = signedUp.plus(WAIT);
        Poll.until("the text after the restart", Duration.ofMinutes(4), Duration.ofMillis(250), texts::size,
                count -> count >= 1);
        Poll.until("the ledger to record the text as sent", Duration.ofMinutes(1), Duration.ofMillis(500),
                () -> journeys.get("/api/customers/" + customer + "/messages").toString(),
                messages -> messages.contains("\"sent\""));
        assertThat(texts).as("texts received").hasSize(1);
        Received text = texts.getFirst();
        assertThat(text.at()).as("sent after the wait's due moment").isAfterOrEqualTo(due.minusSeconds(1));
        assertThat(text.body().path("customer_key").asText()).isEqualTo(customer);
        assertThat(text.body().path("to").asText()).isEqualTo("+447700900123");
        assertThat(text.signature()).isEqualTo(expectedSignature(text.signature(), text.raw()));
        System.out.printf("wait across restart: due %s, texted %s (%d ms after its due moment)%n", due, text.at(),
                Duration.between(due, text.at()).toMillis());
    }

    private static ObjectNode batch(String customer, Instant at) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("batch");
        ObjectNode identify = events.addObject().put("type", "identify").put("userId", customer)
                .put("timestamp", at.minusSeconds(1).toString()).put("messageId", customer + "-identify");
        identify.putObject("traits").put("phone", "+447700900123").put("sms_consent", true)
                .put("first_name", "Sam").put("timezone", EndToEndJourneyTest.afternoonZone());
        events.addObject().put("type", "track").put("event", "Signed Up").put("userId", customer)
                .put("timestamp", at.toString()).put("messageId", customer + "-signup");
        return body;
    }

    private static String createSource(ServiceProcess ingestion) {
        JsonApi.Response created = new JsonApi(ingestion.url()).post("/admin/sources",
                JSON.createObjectNode().put("name", "wait-across-restart"),
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("writeKey").asText();
    }

    /** t=<unix seconds>,v1=<hex HMAC-SHA256(key, "t.body")>, recomputed from the body as received. */
    private static String expectedSignature(String header, String body)
            throws NoSuchAlgorithmException, InvalidKeyException {
        String t = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = HexFormat.of().formatHex(mac.doFinal((t + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
        return "t=" + t + ",v1=" + signed;
    }
}
