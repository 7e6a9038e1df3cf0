package org.lifecycle.system.journey;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifecycle.contracts.Topics;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.TrackMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite end to end, as a shop runs it: the four services as separate processes on the real PostgreSQL and Kafka
 * broker, a real SMTP server (GreenMail), and customers' events sent by the official Segment Java client.
 *
 * <ul>
 * <li>Ann, Ben and Cat are identified today: each enters {@code prospect}, and the ready-made welcome series mails
 * each of them once. Ann opens her mail (the tracking pixel) and then orders; Ben clicks its link; Cat does nothing.
 * <li>Dan and Eve were identified and ordered 90 days ago, less a minute: with no new event, the clock alone makes
 * them {@code at_risk} a minute into the test, and the ready-made win-back journey mails each of them the offer. Dan
 * clicks it and orders again (a reactivation); Eve does nothing.
 * </ul>
 *
 * Asserted exactly: every customer's stage, the five messages the SMTP server received (one per customer, none
 * twice), the journeys' step counters and conversions in campaign-service, and analytics-service's campaign results
 * per journey step (sent, delivered, opened, clicked, unsubscribed, converted, attributed revenue).
 */
class EndToEndJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]*)\"");
    private static final Duration MAIL_TIMEOUT = Duration.ofMinutes(4);
    private static final String STORE_URL = "https://shop.example.com";
    /** Ann's order after the welcome mail, and Dan's after the win-back offer. */
    private static final BigDecimal ANN_ORDER = new BigDecimal("42.50");
    private static final BigDecimal DAN_ORDER = new BigDecimal("88.20");

    @RegisterExtension
    static final Installation suite = new Installation("endtoend");

    private static GreenMail smtp;
    private static int smtpPort;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSmtpServer() {
        smtpPort = Installation.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void segmentClientEventsMoveCustomersThroughStagesAndTheJourneysMailThemOnceAndAnalyticsCountsWhatTheyDid()
            throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        Customer ann = new Customer("ann-" + run, "Ann");
        Customer ben = new Customer("ben-" + run, "Ben");
        Customer cat = new Customer("cat-" + run, "Cat");
        Customer dan = new Customer("dan-" + run, "Dan");
        Customer eve = new Customer("eve-" + run, "Eve");

        int campaignPort = Installation.freePort();
        String campaignBase = "http://127.0.0.1:" + campaignPort;
        ServiceProcess ingestion = suite.process(Service.INGESTION, Map.of());
        ServiceProcess segmentation = suite.process(Service.SEGMENTATION, Map.of(
                "LIFECYCLE_SEGMENTATION_SWEEP_INTERVAL", "1s"));
        Map<String, String> campaignSettings = new LinkedHashMap<>();
        campaignSettings.put("QUARKUS_HTTP_PORT", Integer.toString(campaignPort));
        campaignSettings.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        campaignSettings.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        campaignSettings.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        campaignSettings.put("QUARKUS_MAILER_MOCK", "false");
        campaignSettings.put("LIFECYCLE_DELIVERY_EMAIL_FROM", "Fern & Finch <hello@shop.example.com>");
        campaignSettings.put("LIFECYCLE_TRACKING_KEYS", randomKey());
        campaignSettings.put("LIFECYCLE_TRACKING_BASE_URL", campaignBase);
        campaignSettings.put("LIFECYCLE_STORE_NAME", "Fern & Finch");
        campaignSettings.put("LIFECYCLE_STORE_URL", STORE_URL);
        ServiceProcess campaign = suite.process(Service.CAMPAIGN, campaignSettings);
        ServiceProcess analytics = suite.process(Service.ANALYTICS, Map.of());
        ServiceProcess.startTogether(ingestion, segmentation, campaign, analytics);

        JsonApi journeys = new JsonApi(campaign.url());
        String welcomeStep = startReadyMadeJourney(journeys, "welcome_series");
        String winBackStep = startReadyMadeJourney(journeys, "win_back_at_risk");

        Instant now = Instant.now();
        // 90 days after this order the customer is at risk: about a minute after the events are sent.
        Instant ninetyDaysAgo = now.minus(Duration.ofDays(90)).plus(Duration.ofSeconds(75));
        try (SegmentClient client = new SegmentClient(ingestion.url(), createSource(ingestion))) {
            for (Customer customer : List.of(ann, ben, cat)) {
                client.identify(customer, now);
            }
            for (Customer customer : List.of(dan, eve)) {
                client.identify(customer, ninetyDaysAgo.minus(Duration.ofHours(1)));
                client.order(customer, customer.id + "-first", new BigDecimal("120.00"), ninetyDaysAgo);
            }
            client.flush(7);

            // The welcome series mails each new prospect once.
            Map<String, MimeMessage> welcome = awaitMail(List.of(ann, ben, cat), 3);
            assertThat(welcome.get(ann.email()).getSubject()).isEqualTo("Welcome to Fern & Finch, Ann");
            assertThat(open(welcome.get(ann.email()), campaignBase)).isEqualTo(200);
            assertThat(click(welcome.get(ben.email()), campaignBase)).isEqualTo(302);
            client.order(ann, ann.id + "-1", ANN_ORDER, Instant.now());
            client.flush(8);

            // Only the clock moves Dan and Eve to at_risk; the win-back journey mails them the offer.
            Map<String, MimeMessage> winBack = awaitMail(List.of(ann, ben, cat, dan, eve), 5);
            assertThat(winBack.get(dan.email()).getSubject()).startsWith("Dan, we miss you");
            assertThat(click(winBack.get(dan.email()), campaignBase)).isEqualTo(302);
            client.order(dan, dan.id + "-2", DAN_ORDER, Instant.now());
            client.flush(9);
        }

        // Stages, read from segmentation-service once it has applied everything, including the orders above.
        JsonApi profiles = new JsonApi(segmentation.url());
        Map<String, String> expectedStages = new TreeMap<>(Map.of(ann.id, "new_customer", ben.id, "prospect",
                cat.id, "prospect", dan.id, "active", eve.id, "at_risk"));
        Poll.until("every customer's stage", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> stages(profiles, expectedStages.keySet()), expectedStages::equals);
        JsonNode danTransitions = profiles.get("/api/profiles/" + profileId(profiles, dan.id) + "/transitions");
        assertThat(danTransitions.toString()).as("Dan's ledger").contains("at_risk").contains("active");

        // campaign-service: each journey's counters and conversions.
        JsonNode welcomeSteps = Poll.until("the welcome series' conversion", Duration.ofMinutes(2),
                Duration.ofSeconds(1), () -> journeys.get("/api/journeys/welcome_series/steps").path("versions")
                        .path(0),
                v -> v.path("outcomes").toString().contains("converted"));
        assertThat(welcomeSteps.path("enrolled").asLong()).isEqualTo(3);
        assertThat(step(welcomeSteps, welcomeStep).path("sent").asLong()).isEqualTo(3);
        assertThat(sumOutcomes(welcomeSteps, "converted")).isEqualTo(1);
        JsonNode winBackSteps = Poll.until("the win-back conversion", Duration.ofMinutes(2), Duration.ofSeconds(1),
                () -> journeys.get("/api/journeys/win_back_at_risk/steps").path("versions").path(0),
                v -> v.path("outcomes").toString().contains("converted"));
        assertThat(winBackSteps.path("enrolled").asLong()).isEqualTo(2);
        assertThat(step(winBackSteps, winBackStep).path("sent").asLong()).isEqualTo(2);
        assertThat(sumOutcomes(winBackSteps, "converted")).isEqualTo(1);

        // analytics-service: exactly those sends, opens, clicks and conversions. SMTP's acceptance is "sent";
        // "delivered" comes only from a provider's Email Delivered events, of which there are none here.
        JsonApi figures = new JsonApi(analytics.url());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Map<String, String> expected = new TreeMap<>(Map.of(
                "welcome_series/" + welcomeStep, "sent=3 delivered=0 opened=1 clicked=1 unsubscribed=0 converted=1"
                        + " revenue=" + ANN_ORDER,
                "win_back_at_risk/" + winBackStep, "sent=2 delivered=0 opened=0 clicked=1 unsubscribed=0"
                        + " converted=1 revenue=" + DAN_ORDER));
        Poll.until("analytics-service's campaign results", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> campaignResults(figures, range), expected::equals);

        // Nothing more arrives: every customer got exactly the one message meant for them.
        Poll.until("the lag of every consumer to reach zero", Duration.ofMinutes(2), Duration.ofSeconds(1),
                () -> List.of(suite.consumerLag(Service.CAMPAIGN, Topics.EVENTS),
                        suite.consumerLag(Service.CAMPAIGN, Topics.TRANSITIONS),
                        suite.consumerLag(Service.ANALYTICS, Topics.DISPATCHES)),
                lags -> lags.equals(List.of(0L, 0L, 0L)));
        Map<String, List<String>> received = subjectsByRecipient();
        assertThat(received).containsOnlyKeys(ann.email(), ben.email(), cat.email(), dan.email(), eve.email());
        received.forEach((recipient, subjects) -> assertThat(subjects).as(recipient).hasSize(1));
    }

    private record Customer(String id, String firstName) {

        String email() {
            return id + "@mail.example.com";
        }
    }

    /** The official client, posting batches to ingestion-service's {@code /v1/import}; a failure fails the test. */
    private static final class SegmentClient implements AutoCloseable {

        private final Analytics analytics;
        private final List<String> delivered = new CopyOnWriteArrayList<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();

        SegmentClient(URI ingestion, String writeKey) {
            analytics = Analytics.builder(writeKey).endpoint(ingestion.toString().replaceAll("/$", ""))
                    .callback(new Callback() {
                        @Override
                        public void success(com.segment.analytics.messages.Message message) {
                            delivered.add(message.messageId());
                        }

                        @Override
                        public void failure(com.segment.analytics.messages.Message message, Throwable cause) {
                            failures.add(cause);
                        }
                    }).build();
        }

        void identify(Customer customer, Instant at) {
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("email", customer.email());
            traits.put("first_name", customer.firstName());
            traits.put("email_consent", true);
            // Local afternoon for the customer whenever the test runs, so quiet hours hold nothing back.
            traits.put("timezone", afternoonZone());
            analytics.enqueue(IdentifyMessage.builder().userId(customer.id()).traits(traits)
                    .timestamp(Date.from(at)));
        }

        void order(Customer customer, String orderId, BigDecimal revenue, Instant at) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("order_id", orderId);
            properties.put("revenue", revenue);
            properties.put("currency", "GBP");
            properties.put("products", List.of(Map.of("product_id", "85123A", "price", revenue, "quantity", 1)));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(customer.id()).properties(properties)
                    .timestamp(Date.from(at)));
        }

        /** Sends what is queued and waits until ingestion-service acknowledged {@code total} messages in all. */
        void flush(int total) {
            analytics.flush();
            Poll.until("ingestion-service to accept " + total + " messages", Duration.ofMinutes(1),
                    Duration.ofMillis(200), () -> List.of(delivered.size(), failures.size()),
                    seen -> seen.get(1) > 0 || seen.get(0) >= total);
            assertThat(failures).as("messages the client could not deliver").isEmpty();
            assertThat(delivered).hasSize(total);
        }

        @Override
        public void close() {
            analytics.shutdown();
        }
    }

    /** A zone where it is mid-afternoon now (Etc/GMT±n), so the test passes at any hour of the day. */
    static String afternoonZone() {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = 14 - utcHour;
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        // Etc/GMT's signs are inverted: Etc/GMT-5 is five hours ahead of UTC.
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }

    /** Copies a ready-made journey without its holdout (so every customer is mailed), activates it; its first send. */
    private static String startReadyMadeJourney(JsonApi journeys, String key) {
        ObjectNode definition = (ObjectNode) journeys.get("/api/journeys/library/" + key);
        definition.put("holdout_percent", 0);
        JsonApi.Response created = journeys.post("/api/journeys", definition, Map.of());
        assertThat(created.status()).as("POST /api/journeys %s: %s", key, created.body()).isEqualTo(201);
        JsonApi.Response active = journeys.post("/api/journeys/" + key + "/activate", null, Map.of());
        assertThat(active.status()).as("activate %s: %s", key, active.body()).isEqualTo(200);
        for (JsonNode step : definition.path("steps")) {
            if ("send".equals(step.path("type").asText())) {
                return step.path("id").asText();
            }
        }
        throw new AssertionError(key + " has no send step: " + definition);
    }

    private static String createSource(ServiceProcess ingestion) {
        ObjectNode body = JSON.createObjectNode().put("name", "end-to-end-shop");
        JsonApi.Response created = new JsonApi(ingestion.url()).post("/admin/sources", body,
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(created.status()).as("POST /admin/sources: %s", created.body()).isEqualTo(201);
        return created.json().path("writeKey").asText();
    }

    /** Waits until {@code count} messages arrived in all; the latest message per recipient of {@code customers}. */
    private static Map<String, MimeMessage> awaitMail(List<Customer> customers, int count) throws Exception {
        Poll.until(count + " messages at the SMTP server", MAIL_TIMEOUT, Duration.ofMillis(500),
                () -> smtp.getReceivedMessages().length, received -> received >= count);
        Map<String, MimeMessage> byRecipient = new LinkedHashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            byRecipient.put(message.getRecipients(Message.RecipientType.TO)[0].toString(), message);
        }
        for (Customer customer : customers) {
            assertThat(byRecipient).as("mail to %s", customer.email()).containsKey(customer.email());
        }
        return byRecipient;
    }

    /** Fetches the message's open pixel, as a mail client showing images does. */
    private int open(MimeMessage mail, String campaignBase) throws Exception {
        List<String> pixels = all(PIXEL, html(mail));
        assertThat(pixels).singleElement().satisfies(pixel -> assertThat(pixel).startsWith(campaignBase + "/t/o/"));
        return get(pixels.getFirst());
    }

    /** Follows the message's first tracked link to the shop (the redirect itself is not followed). */
    private int click(MimeMessage mail, String campaignBase) throws Exception {
        String subject = mail.getSubject();
        String link = all(HREF, html(mail)).stream().filter(href -> href.startsWith(campaignBase + "/t/c/"))
                .findFirst().orElseThrow(() -> new AssertionError("no tracked link in " + subject));
        return get(link);
    }

    private int get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 302) {
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith(STORE_URL));
        }
        return response.statusCode();
    }

    private static Map<String, String> stages(JsonApi profiles, Iterable<String> userIds) {
        Map<String, String> stages = new TreeMap<>();
        for (String userId : userIds) {
            JsonNode items = profiles.get("/api/profiles?userId=" + userId).path("items");
            stages.put(userId, items.size() == 1 ? items.get(0).path("stage").asText(null) : "profiles: " + items);
        }
        return stages;
    }

    private static String profileId(JsonApi profiles, String userId) {
        return profiles.get("/api/profiles?userId=" + userId).path("items").path(0).path("id").asText();
    }

    private static JsonNode step(JsonNode version, String stepId) {
        for (JsonNode step : version.path("steps")) {
            if (stepId.equals(step.path("stepId").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + version);
    }

    private static long sumOutcomes(JsonNode version, String prefix) {
        long sum = 0;
        var fields = version.path("outcomes").fields();
        while (fields.hasNext()) {
            var outcome = fields.next();
            if (outcome.getKey().startsWith(prefix)) {
                sum += outcome.getValue().asLong();
            }
        }
        return sum;
    }

    private static Map<String, String> campaignResults(JsonApi figures, String range) {
        Map<String, String> results = new TreeMap<>();
        for (JsonNode row : figures.get("/api/analytics/campaigns?" + range)) {
            results.put(row.path("journeyId").asText() + "/" + row.path("stepId").asText(),
                    "sent=" + row.path("sent").asLong() + " delivered=" + row.path("delivered").asLong()
                            + " opened=" + row.path("opened").asLong() + " clicked=" + row.path("clicked").asLong()
                            + " unsubscribed=" + row.path("unsubscribed").asLong()
                            + " converted=" + row.path("converted").asLong()
                            + " revenue=" + row.path("attributedRevenue").decimalValue().setScale(2,
                                    java.math.RoundingMode.HALF_UP));
        }
        return results;
    }

    private static Map<String, List<String>> subjectsByRecipient() throws MessagingException {
        Map<String, List<String>> received = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                received.computeIfAbsent(recipient.toString(), r -> new ArrayList<>()).add(message.getSubject());
            }
        }
        return received;
    }

    private static String html(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = html(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text == null ? "" : text);
        while (matcher.find()) {
            found.add(matcher.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
