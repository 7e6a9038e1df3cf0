package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Mailbox;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.campaign.support.TopicReader;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Journeys running for real: records on the real broker, the real database, the real channel gateway mailing a real
 * SMTP server, the sweeper in the background, and a clock the tests move forward.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class JourneyRuntimeTest {

    static final String WELCOME_THEN_WAIT = """
            {"key": "%KEY%", "name": "Welcome", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "steps": [
               {"id": "hello", "type": "send", "channel": "email", "template": "welcome_1_hello"},
               {"id": "pause", "type": "wait", "duration": "PT1H"},
               {"id": "story", "type": "send", "channel": "email", "template": "welcome_2_brand_story"}
             ]}""";

    static final String THREE_AT_ONCE = """
            {"key": "%KEY%", "name": "Three at once", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "steps": [
               {"id": "one", "type": "send", "channel": "email", "template": "welcome_1_hello"},
               {"id": "two", "type": "send", "channel": "email", "template": "welcome_2_brand_story"},
               {"id": "three", "type": "send", "channel": "email", "template": "welcome_3_bestsellers"}
             ]}""";

    static final String ONE_EMAIL = """
            {"key": "%KEY%", "name": "Hello", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "steps": [{"id": "hello", "type": "send", "channel": "email", "template": "welcome_1_hello"}]}""";

    private static Mailbox mailbox;

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @BeforeAll
    static void startSmtpServer() {
        mailbox = Mailbox.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        mailbox.close();
    }

    @Test
    void cartAbandonmentRemindsAfterAnHourUnlessTheOrderCame() {
        String key = Contacts.unique("cart").replace('-', '_');
        given().queryParam("key", key).post("/api/journeys/library/cart_abandonment").then().statusCode(201);
        given().post("/api/journeys/" + key + "/activate").then().statusCode(200);
        String buyer = Journeys.treated(key, 10);
        String abandoner = Journeys.treated(key, 10);
        String zone = clock.zoneWhereItIs(12);
        Journeys.identify(buyer, zone, clock.instant());
        String abandonerEmail = Journeys.identify(abandoner, zone, clock.instant());
        String buyerEmail = buyer + "@mail.test";

        Records.publish(Topics.EVENTS, Records.track(buyer, "Checkout Started", clock.instant(),
                Records.object().put("value", 40)));
        Records.publish(Topics.EVENTS, Records.track(abandoner, "Checkout Started", clock.instant(),
                Records.object().put("value", 40)));
        Journeys.awaitEnrollments(abandoner, list -> list.size() == 1 && "WAITING".equals(list.get(0).get("status")));
        Records.publish(Topics.EVENTS, Records.track(buyer, "Order Completed", clock.instant(),
                Records.object().put("order_id", Contacts.unique("o")).put("revenue", 40)));
        Journeys.awaitEnrollments(buyer, list -> list.size() == 1 && "EXITED".equals(list.get(0).get("status")));
        assertThat(Journeys.enrollments(buyer).getFirst()).containsEntry("exitReason", "CONVERTED");

        clock.advance(Duration.ofMinutes(61));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(abandonerEmail).size() == 1);
        assertThat(Mailbox.subject(mailbox.to(abandonerEmail).getFirst())).isNotBlank();
        Journeys.awaitMessages(abandoner, list -> Journeys.withStatus(list, "sent") == 1);
        assertThat(mailbox.to(buyerEmail)).isEmpty();
        assertThat(Journeys.messages(buyer)).isEmpty();
        assertThat(Journeys.enrollments(abandoner).getFirst()).containsEntry("status", "WAITING")
                .satisfies(e -> assertThat(e.get("waiting").toString()).contains("wait-1d"));
    }

    @Test
    void aRedeliveredTriggerSendsOnce() {
        String key = Journeys.activate(WELCOME_THEN_WAIT);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        CustomerEvent signup = Records.track(customer, "Signed Up " + key, clock.instant(), Records.object());

        Records.publish(Topics.EVENTS, signup);
        Records.publish(Topics.EVENTS, signup);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        Records.publish(Topics.EVENTS, signup);
        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 1);
        // a third copy after the first was applied and sent: it is dropped by its id, like the second
        marker(customer);

        assertThat(Journeys.messages(customer)).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("stepId", "hello").containsEntry("journeyKey", key).containsEntry("status", "sent"));
        assertThat(mailbox.to(email)).hasSize(1);
        assertThat(Journeys.enrollments(customer)).hasSize(1);
    }

    @Test
    void aWaitFiresWhenTheClockMovesAndTheDispatchRecordsReachTheTopic() {
        String key = Journeys.activate(WELCOME_THEN_WAIT);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        Journeys.awaitEnrollments(customer, list -> "WAITING".equals(list.getFirst().get("status")));

        clock.advance(Duration.ofMinutes(59));
        marker(customer);
        assertThat(mailbox.to(email)).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 2);
        Journeys.awaitEnrollments(customer, list -> "EXITED".equals(list.getFirst().get("status")));
        assertThat(Journeys.enrollments(customer).getFirst()).containsEntry("exitReason", "COMPLETED");

        List<TopicReader.Read> dispatches = TopicReader.awaitRecords(Topics.DISPATCHES, 4,
                read -> customer.equals(read.key()));
        assertThat(dispatches).extracting(read -> read.value().get("type").asText() + ":"
                + read.value().get("stepId").asText())
                .containsExactly("dispatch.queued:hello", "dispatch.sent:hello", "dispatch.queued:story",
                        "dispatch.sent:story");
        assertThat(dispatches).allSatisfy(read -> {
            assertThat(read.value().get("journeyId").asText()).isEqualTo(key);
            assertThat(read.value().get("journeyVersion").asInt()).isEqualTo(1);
            assertThat(read.value().get("channel").asText()).isEqualTo("email");
        });
        assertThat(dispatches.get(1).value().get("messageId").asText()).contains("@");

        Map<String, Object> report = given().get("/api/journeys/" + key + "/steps").then().statusCode(200)
                .extract().jsonPath().getMap("versions[0]");
        assertThat(report).containsEntry("enrolled", 1);
        assertThat(report.get("steps").toString()).contains("stepId=hello", "stepId=pause", "stepId=story");
    }

    @Test
    void theFrequencyCapDefersTheThirdEmailToTheNextDayInsteadOfDroppingIt() {
        String key = Journeys.activate(THREE_AT_ONCE);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 2
                && Journeys.withStatus(list, "held") == 1);
        assertThat(mailbox.to(email)).hasSize(2);
        Map<String, Object> held = Journeys.messages(customer).stream().filter(m -> "held".equals(m.get("status")))
                .findFirst().orElseThrow();
        assertThat(held).containsEntry("stepId", "three");
        assertThat(held.get("reason").toString()).startsWith("daily_cap");

        clock.advance(Duration.ofDays(1));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 3);
        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 3);
    }

    @Test
    void quietHoursMoveTheSendToTheMorningInTheCustomersZone() {
        String key = Journeys.activate(ONE_EMAIL);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(23), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "held") == 1);
        Map<String, Object> held = Journeys.messages(customer).getFirst();
        assertThat(held.get("reason").toString()).startsWith("quiet_hours").contains("08:00");
        assertThat(mailbox.to(email)).isEmpty();

        clock.advance(Duration.ofHours(9));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 1);
    }

    @Test
    void anUnsubscribeStopsTheNextEmailAtOnce() throws Exception {
        String key = Journeys.activate(WELCOME_THEN_WAIT);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        MimeMessage first = mailbox.to(email).getFirst();
        String unsubscribe = first.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");

        given().post(unsubscribe.substring("https://t.shop.test".length())).then().statusCode(200);
        clock.advance(Duration.ofMinutes(61));

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "suppressed") == 1);
        Map<String, Object> second = Journeys.messages(customer).stream()
                .filter(m -> "story".equals(m.get("stepId"))).findFirst().orElseThrow();
        assertThat(second.get("reason").toString()).startsWith("consent_withdrawn");
        assertThat(mailbox.to(email)).hasSize(1);
    }

    @Test
    void aDeletedCustomerIsErasedAndNeverMailedAgain() {
        String key = Journeys.activate(WELCOME_THEN_WAIT);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        Journeys.awaitEnrollments(customer, list -> "WAITING".equals(list.getFirst().get("status")));

        Records.publish(Topics.DELETIONS, Records.deletion(customer, clock.instant()));
        Journeys.awaitEnrollments(customer, List::isEmpty);
        assertThat(Journeys.messages(customer)).isEmpty();
        // what arrives later about the customer neither recreates them nor enrolls them anew
        Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));
        marker(customer);
        clock.advance(Duration.ofMinutes(61));
        marker(customer);

        assertThat(Journeys.enrollments(customer)).isEmpty();
        assertThat(Journeys.messages(customer)).isEmpty();
        assertThat(mailbox.to(email)).hasSize(1);
    }

    @Test
    void aSegmentEntryStartsItsJourneyAndABroadcastReachesTheSegmentsMembersWhenDue() {
        String segment = Contacts.unique("seg");
        String onEntry = Journeys.activate(ONE_EMAIL.replace("{\"type\": \"event\", \"event\": \"Signed Up %KEY%\"}",
                "{\"type\": \"segment_entered\", \"segment\": \"" + segment + "\"}"));
        String member = Contacts.unique("c");
        String outsider = Contacts.unique("c");
        String memberEmail = Journeys.identify(member, clock.zoneWhereItIs(12), clock.instant());
        String outsiderEmail = Journeys.identify(outsider, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.MEMBERSHIPS, Records.entered(member, segment, clock.instant()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(memberEmail).size() == 1);
        assertThat(Journeys.messages(member)).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("journeyKey", onEntry));

        String at = clock.instant().plus(Duration.ofHours(1)).toString();
        String broadcast = Journeys.activate(ONE_EMAIL.replace("{\"type\": \"event\", \"event\": \"Signed Up %KEY%\"}",
                "{\"type\": \"broadcast\", \"segment\": \"" + segment + "\", \"at\": \"" + at + "\"}"));
        given().get("/api/journeys/" + broadcast).then().statusCode(200)
                .body("nextBroadcastAt", notNullValue());
        clock.advance(Duration.ofMinutes(61));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(memberEmail).size() == 2);
        Journeys.awaitMessages(member, list -> list.stream().anyMatch(m -> broadcast.equals(m.get("journeyKey"))
                && "sent".equals(m.get("status"))));
        assertThat(mailbox.to(outsiderEmail)).isEmpty();
        assertThat(Journeys.messages(outsider)).isEmpty();
    }

    /** Publishes an event and waits until it is applied: what the customer's partition held before is applied too. */
    private void marker(String customer) {
        CustomerEvent marker = Records.track(customer, "Marker", clock.instant(), Records.object());
        Records.publish(Topics.EVENTS, marker);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> db.query(
                "select 1 from processed_event where event_id = $1", marker.id()).size() == 1);
    }
}
