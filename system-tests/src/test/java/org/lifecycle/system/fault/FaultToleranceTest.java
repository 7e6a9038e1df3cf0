package org.lifecycle.system.fault;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifecycle.contracts.Topics;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.OwnKafka;
import org.lifecycle.system.support.OwnPostgres;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No acknowledged event lost, no message sent twice, through crashes and restarts under steady load. The four
 * services run as processes on a PostgreSQL server and a Kafka broker of the test's own (so that restarting them
 * disturbs nobody else), campaign-service mails through a real SMTP server (GreenMail), and a journey mails every
 * customer who signs up once.
 *
 * <p>While {@link ShopLoad} posts batches of new customers (identify, orders over the last 400 days, a sign-up for
 * every third one) to ingestion-service, retrying each until it is answered 200: ingestion-, segmentation-,
 * campaign- and analytics-service are each killed with SIGKILL in turn and started again, then the broker is stopped
 * and started on the same ports and log directory, then PostgreSQL is restarted ({@code pg_ctl restart -m
 * immediate}: crash recovery). After each fault the load must get further batches through.
 *
 * <p>Then, once the load stops: every acknowledged {@code messageId} is on the events topic; segmentation-service
 * has a profile per customer (no more) with exactly the acknowledged orders (count and revenue: each applied once)
 * and the stage recomputed from them by {@link StageRules}; the SMTP server received exactly one message per
 * customer who signed up and none for anyone else; campaign- and analytics-service count exactly those sends.
 */
class FaultToleranceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOURNEY = "fault_welcome";
    private static final String SEND_STEP = "hello";
    /** Batches the load must get through between faults: the system serves again, not just answers health checks. */
    private static final int BATCHES_BETWEEN_FAULTS = 6;
    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofMinutes(5);

    @RegisterExtension
    @Order(1)
    static final OwnPostgres postgres = new OwnPostgres("fault");

    @RegisterExtension
    @Order(2)
    static final OwnKafka kafka = new OwnKafka("fault");

    @RegisterExtension
    @Order(3)
    static final Installation suite = new Installation("fault", postgres.endpoints(kafka));

    private static GreenMail smtp;
    private static int smtpPort;

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
    void underLoadCrashesAndRestartsLoseNoAcknowledgedEventAndSendNoMessageTwice() throws Exception {
        Instant origin = Instant.now();
        String run = Long.toString(System.nanoTime(), 36);

        int campaignPort = Installation.freePort();
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        ServiceProcess ingestion = suite.process(Service.INGESTION, Map.of());
        ServiceProcess segmentation = suite.process(Service.SEGMENTATION, Map.of(
                "LIFECYCLE_SEGMENTATION_IDLE_AFTER", "2s",
                "LIFECYCLE_SEGMENTATION_SWEEP_INTERVAL", "1s"));
        Map<String, String> campaignSettings = new LinkedHashMap<>();
        campaignSettings.put("QUARKUS_HTTP_PORT", Integer.toString(campaignPort));
        campaignSettings.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        campaignSettings.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        campaignSettings.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        campaignSettings.put("QUARKUS_MAILER_MOCK", "false");
        campaignSettings.put("LIFECYCLE_DELIVERY_EMAIL_FROM", "Fern & Finch <hello@shop.example.com>");
        campaignSettings.put("LIFECYCLE_TRACKING_KEYS", "6b".repeat(32));
        campaignSettings.put("LIFECYCLE_TRACKING_BASE_URL", "http://127.0.0.1:" + campaignPort);
        campaignSettings.put("LIFECYCLE_STORE_NAME", "Fern & Finch");
        campaignSettings.put("LIFECYCLE_STORE_URL", "https://shop.example.com");
        ServiceProcess campaign = suite.process(Service.CAMPAIGN, campaignSettings);
        ServiceProcess analytics = suite.process(Service.ANALYTICS, Map.of());
        ServiceProcess.startTogether(ingestion, segmentation, campaign, analytics);
        services.put("ingestion-service", ingestion);
        services.put("segmentation-service", segmentation);
        services.put("campaign-service", campaign);
        services.put("analytics-service", analytics);

        JsonApi journeys = new JsonApi(campaign.url());
        startSignUpJourney(journeys);

        List<String> faults = new ArrayList<>();
        Instant[] lastFaultEnd = {Instant.MAX};
        ShopLoad load = new ShopLoad(ingestion.url(), createSource(ingestion), run, origin, afternoonZone(), 3,
                Duration.ofMillis(700));
        try (load) {
            load.start();
            load.awaitMore(BATCHES_BETWEEN_FAULTS, RECOVERY);

            for (ServiceProcess service : services.values()) {
                service.kill();
                faults.add("kill -9 " + service.service().module() + " at batch " + load.acknowledgedBatches());
                service.restart();
                load.awaitMore(BATCHES_BETWEEN_FAULTS, RECOVERY);
            }

            kafka.stop();
            faults.add("broker stopped at batch " + load.acknowledgedBatches());
            kafka.start();
            load.awaitMore(BATCHES_BETWEEN_FAULTS, RECOVERY);

            faults.add("PostgreSQL restarted (immediate) at batch " + load.acknowledgedBatches());
            postgres.restart("immediate");
            lastFaultEnd[0] = Instant.now();
            load.awaitMore(BATCHES_BETWEEN_FAULTS, RECOVERY);

            load.stop(RECOVERY);
        }
        Map<String, ShopLoad.Customer> customers = load.acknowledgedCustomers();
        List<String> acknowledged = load.acknowledgedMessageIds();
        System.out.printf("FaultToleranceTest: %d batches (%d customers, %d messages) acknowledged in %d attempts;"
                + " refusals %s; faults: %s%n", load.acknowledgedBatches(), customers.size(), acknowledged.size(),
                load.attempts(), load.refusals(), faults);
        assertThat(acknowledged).as("acknowledged messageIds").doesNotHaveDuplicates();

        // 1. Every acknowledged event is on the topic (a retried batch may have put a copy there too).
        Map<String, Integer> onTopic = messageIdsOnEventsTopic();
        assertThat(onTopic.keySet()).as("messageIds on the events topic")
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        long copies = onTopic.values().stream().mapToLong(count -> count - 1).sum();
        System.out.printf("FaultToleranceTest: %d records on the events topic for %d messageIds (%d copies from"
                + " retried batches)%n", onTopic.values().stream().mapToInt(Integer::intValue).sum(), onTopic.size(),
                copies);

        // 2. segmentation-service applied each exactly once: one profile per customer, exactly its orders, the
        // stage recomputed from them.
        Poll.until("segmentation-service to apply every event", SETTLE, Duration.ofSeconds(2),
                () -> suite.consumerLag(Service.SEGMENTATION, Topics.EVENTS), lag -> lag == 0);
        JsonApi profiles = new JsonApi(segmentation.url());
        Map<String, String> expectedStages = new TreeMap<>();
        Poll.until("every customer's stage to equal the recomputation", SETTLE, Duration.ofSeconds(2), () -> {
            Instant now = Instant.now();
            expectedStages.clear();
            customers.values().forEach(c -> expectedStages.put(c.userId(), StageRules.stage(c.orderTimes(), now)));
            return stagesByUser(profiles, run);
        }, seen -> seen.equals(expectedStages));
        Map<String, String> profileIds = profileIdsByUser(profiles, run);
        assertThat(profileIds.keySet()).as("one profile per customer").containsExactlyInAnyOrderElementsOf(
                customers.keySet());
        Map<String, String> expectedOrders = new TreeMap<>();
        Map<String, String> actualOrders = new TreeMap<>();
        for (ShopLoad.Customer customer : customers.values()) {
            expectedOrders.put(customer.userId(), customer.orders().size() + " orders, "
                    + customer.revenue().stripTrailingZeros().toPlainString());
            JsonNode orders = profiles.get("/api/profiles/" + profileIds.get(customer.userId())).path("orders");
            actualOrders.put(customer.userId(), orders.path("count").asInt() + " orders, "
                    + (orders.path("revenue").isMissingNode() || orders.path("revenue").isNull()
                            ? BigDecimal.ZERO
                            : orders.path("revenue").decimalValue()).stripTrailingZeros().toPlainString());
        }
        assertThat(actualOrders).as("each customer's orders, each applied once").isEqualTo(expectedOrders);
        Map<String, Long> stageCounts = expectedStages.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        System.out.println("FaultToleranceTest: stages " + stageCounts);

        // 3. Exactly one message per customer who signed up, to them; none to anyone else, none twice. The send
        // ledger is at most once by design (campaign-service/README.md): a message marked `sending` before a crash
        // (or before PostgreSQL went away) whose channel answer was not recorded stays `sending` and is never sent
        // again; such a message may have reached the SMTP server once or not at all, never twice.
        List<ShopLoad.Customer> signedUp = customers.values().stream().filter(ShopLoad.Customer::signsUp).toList();
        Poll.until("campaign-service to apply every event", SETTLE, Duration.ofSeconds(2),
                () -> List.of(suite.consumerLag(Service.CAMPAIGN, Topics.EVENTS),
                        suite.consumerLag(Service.CAMPAIGN, Topics.TRANSITIONS)),
                lags -> lags.equals(List.of(0L, 0L)));
        Map<String, String> settled = new TreeMap<>();
        Instant faultsEnded = lastFaultEnd[0];
        Map<String, String> ledger = Poll.until("the send ledger to settle: every sign-up's message sent (or left"
                + " `sending` by a fault)", SETTLE, Duration.ofSeconds(2),
                () -> ledgerStatuses(journeys, signedUp, settled, faultsEnded),
                statuses -> statuses.values().stream().allMatch(s -> s.equals("sent") || s.equals("interrupted")));
        Set<String> sent = ledger.entrySet().stream().filter(e -> e.getValue().equals("sent"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> interrupted = ledger.entrySet().stream().filter(e -> e.getValue().equals("interrupted"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        Poll.until("the SMTP server to hold the " + sent.size() + " messages recorded sent", SETTLE,
                Duration.ofSeconds(1), () -> messagesByRecipient().keySet(), seen -> seen.containsAll(sent));
        Poll.until("analytics-service to apply every dispatch, and campaign-service's counter", SETTLE,
                Duration.ofSeconds(2), () -> List.of(suite.consumerLag(Service.ANALYTICS, Topics.DISPATCHES),
                        stepSent(journeys)),
                seen -> seen.equals(List.of(0L, (long) sent.size())));
        Map<String, Integer> received = messagesByRecipient();
        Map<String, Integer> receivedSent = new TreeMap<>(received);
        receivedSent.keySet().retainAll(sent);
        Map<String, Integer> once = new TreeMap<>();
        sent.forEach(recipient -> once.put(recipient, 1));
        assertThat(receivedSent).as("messages received per recipient whose message is recorded sent")
                .isEqualTo(once);
        Map<String, Integer> others = new TreeMap<>(received);
        others.keySet().removeAll(sent);
        assertThat(interrupted).as("recipients of messages received but not recorded sent")
                .containsAll(others.keySet());
        assertThat(others.values()).as("messages interrupted by a fault, received at most once")
                .allMatch(count -> count == 1);
        JsonNode version = journeys.get("/api/journeys/" + JOURNEY + "/steps").path("versions").path(0);
        assertThat(version.path("enrolled").asLong()).as("enrolled").isEqualTo(signedUp.size());

        // 4. analytics-service counts each send once.
        JsonApi figures = new JsonApi(analytics.url());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Poll.until("analytics-service to count " + sent.size() + " sends", SETTLE, Duration.ofSeconds(2),
                () -> analyticsSent(figures, range), count -> count == sent.size());
        System.out.printf("FaultToleranceTest: %d sign-ups; %d messages recorded sent, each received once; %d left"
                + " `sending` by a fault (%d of them received once, the rest not at all): %s%n", signedUp.size(),
                sent.size(), interrupted.size(), others.size(), interrupted);
    }

    /**
     * Each signed-up customer's message of the journey, by recipient: {@code sent} (or delivered), {@code
     * interrupted} (left {@code sending} by a dispatcher that claimed it before the last fault ended), or what
     * else it is (queued, held, sending now, missing). A recipient once seen sent is not asked again.
     */
    private static Map<String, String> ledgerStatuses(JsonApi journeys, List<ShopLoad.Customer> customers,
            Map<String, String> settled, Instant faultsEnded) {
        Map<String, String> statuses = new TreeMap<>();
        for (ShopLoad.Customer customer : customers) {
            String known = settled.get(customer.email());
            if (known != null) {
                statuses.put(customer.email(), known);
                continue;
            }
            List<JsonNode> messages = new ArrayList<>();
            journeys.get("/api/customers/" + URLEncoder.encode(customer.userId(), StandardCharsets.UTF_8)
                    + "/messages").forEach(message -> {
                        if (JOURNEY.equals(message.path("journeyKey").asText())) {
                            messages.add(message);
                        }
                    });
            String status;
            if (messages.size() != 1) {
                status = messages.size() + " ledger messages";
            } else {
                JsonNode message = messages.getFirst();
                status = message.path("status").asText();
                if (status.equals("delivered")) {
                    status = "sent";
                }
                String claimed = message.path("sentAt").isTextual()
                        ? message.path("sentAt").asText()
                        : message.path("dueAt").asText();
                if (status.equals("sending") && Instant.parse(claimed).isBefore(faultsEnded)) {
                    status = "interrupted";
                }
                if (status.equals("sent")) {
                    settled.put(customer.email(), status);
                }
            }
            statuses.put(customer.email(), status);
        }
        return statuses;
    }

    /** A journey that mails a customer once when they sign up: one expected message per {@code Signed Up}. */
    private static void startSignUpJourney(JsonApi journeys) {
        ObjectNode definition = JSON.createObjectNode().put("key", JOURNEY).put("name", "Welcome on sign-up")
                .put("holdout_percent", 0);
        definition.putObject("trigger").put("type", "event").put("event", "Signed Up");
        definition.putObject("entry").put("type", "once");
        definition.putArray("steps").addObject().put("id", SEND_STEP).put("type", "send").put("channel", "email")
                .put("template", "welcome_1_hello").put("priority", "transactional");
        JsonApi.Response created = journeys.post("/api/journeys", definition, Map.of());
        assertThat(created.status()).as("POST /api/journeys: %s", created.body()).isEqualTo(201);
        JsonApi.Response active = journeys.post("/api/journeys/" + JOURNEY + "/activate", null, Map.of());
        assertThat(active.status()).as("activate: %s", active.body()).isEqualTo(200);
    }

    private static String createSource(ServiceProcess ingestion) {
        ObjectNode body = JSON.createObjectNode().put("name", "fault-shop");
        JsonApi.Response created = new JsonApi(ingestion.url()).post("/admin/sources", body,
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(created.status()).as("POST /admin/sources: %s", created.body()).isEqualTo(201);
        return created.json().path("writeKey").asText();
    }

    /** Reads the whole events topic of this installation: how many records carry each messageId. */
    private static Map<String, Integer> messageIdsOnEventsTopic() throws Exception {
        String topic = suite.topic(Topics.EVENTS);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    String messageId = JSON.readTree(record.value()).path("messageId").asText();
                    counts.merge(messageId, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The stage of every profile whose user id is one of this run's, by user id (a duplicate profile shows). */
    private static Map<String, String> stagesByUser(JsonApi profiles, String run) {
        Map<String, String> stages = new TreeMap<>();
        for (JsonNode item : allProfiles(profiles)) {
            String userId = item.path("userId").asText("");
            if (userId.startsWith("f-" + run + "-")) {
                stages.merge(userId, item.path("stage").asText(), (a, b) -> "two profiles: " + a + ", " + b);
            }
        }
        return stages;
    }

    private static Map<String, String> profileIdsByUser(JsonApi profiles, String run) {
        Map<String, String> ids = new TreeMap<>();
        for (JsonNode item : allProfiles(profiles)) {
            String userId = item.path("userId").asText("");
            if (userId.startsWith("f-" + run + "-")) {
                String earlier = ids.put(userId, item.path("id").asText());
                assertThat(earlier).as("a second profile for " + userId).isNull();
            }
        }
        return ids;
    }

    private static List<JsonNode> allProfiles(JsonApi profiles) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = profiles.get("/api/profiles?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static long stepSent(JsonApi journeys) {
        JsonNode version = journeys.get("/api/journeys/" + JOURNEY + "/steps").path("versions").path(0);
        for (JsonNode step : version.path("steps")) {
            if (SEND_STEP.equals(step.path("stepId").asText())) {
                return step.path("sent").asLong();
            }
        }
        return -1;
    }

    private static long analyticsSent(JsonApi figures, String range) {
        long sent = 0;
        for (JsonNode row : figures.get("/api/analytics/campaigns?" + range)) {
            if (JOURNEY.equals(row.path("journeyId").asText()) && SEND_STEP.equals(row.path("stepId").asText())) {
                sent += row.path("sent").asLong();
            }
        }
        return sent;
    }

    private static Map<String, Integer> messagesByRecipient() throws MessagingException {
        Map<String, Integer> received = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                received.merge(recipient.toString(), 1, Integer::sum);
            }
        }
        return received;
    }

    /** A zone where it is mid-afternoon now (Etc/GMT±n), so quiet hours hold nothing back at any hour of the day. */
    private static String afternoonZone() {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = 14 - utcHour;
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }
}
