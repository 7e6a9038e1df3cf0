package org.lifecycle.campaign.runtime;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.engine.Assignments;
import org.lifecycle.campaign.journey.engine.GlobalControl;
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
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers held out of a journey (its holdout, or the global control group) get no message, and analytics learns of
 * them: exactly one {@code dispatch.suppressed} record per enrollment, for the send step they would have had first,
 * with the reason analytics counts as control ({@code held_out}, {@code global_control}).
 */
@QuarkusTest
@TestProfile(GlobalControlOn.class)
@QuarkusTestResource(IsolatedInfrastructure.class)
class HoldoutDispatchTest {

    static final String HELD_OUT_HALF = """
            {"key": "%KEY%", "name": "Held out", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "holdout_percent": 50,
             "steps": [
               {"id": "pause", "type": "wait", "duration": "PT1H"},
               {"id": "check", "type": "branch", "condition": {"fact": "orders", "op": "gt", "value": 0},
                "then": [{"id": "loyal", "type": "send", "channel": "email", "template": "welcome_2_brand_story"}],
                "else": [{"id": "hello", "type": "send", "channel": "email", "template": "welcome_1_hello"}]}
             ]}""";

    private static final GlobalControl CONTROL = new GlobalControl(new BigDecimal(GlobalControlOn.PERCENT),
            GlobalControlOn.SALT);

    private static Mailbox mailbox;

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
    void heldOutAndGlobalControlCustomersGetOneSuppressedRecordEachAndNoMessage() {
        String key = Journeys.activate(HELD_OUT_HALF);
        String heldOut = customer(c -> !CONTROL.contains(c) && Assignments.heldOut(key, c, BigDecimal.valueOf(50)));
        String control = customer(CONTROL::contains);
        String treated = customer(c -> !CONTROL.contains(c) && !Assignments.heldOut(key, c, BigDecimal.valueOf(50)));
        String zone = clock.zoneWhereItIs(12);
        List<String> emails = List.of(Journeys.identify(heldOut, zone, clock.instant()),
                Journeys.identify(control, zone, clock.instant()));
        Journeys.identify(treated, zone, clock.instant());
        for (String customer : List.of(heldOut, control, treated)) {
            CustomerEvent signup = Records.track(customer, "Signed Up " + key, clock.instant(), Records.object());
            Records.publish(Topics.EVENTS, signup);
            Records.publish(Topics.EVENTS, signup);
        }
        Journeys.awaitEnrollments(heldOut, list -> list.size() == 1 && "EXITED".equals(list.getFirst().get("status")));
        Journeys.awaitEnrollments(control, list -> list.size() == 1 && "EXITED".equals(list.getFirst().get("status")));
        Journeys.awaitEnrollments(treated, list -> list.size() == 1 && "WAITING".equals(list.getFirst().get("status")));
        // a trigger after the first was applied: the enrollment id refuses it, and nothing is recorded twice
        Records.publish(Topics.EVENTS, Records.track(heldOut, "Signed Up " + key, clock.instant(),
                Records.object()));
        Records.publish(Topics.EVENTS, Records.track(control, "Signed Up " + key, clock.instant(),
                Records.object()));
        clock.advance(Duration.ofMinutes(61));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !mailbox.to(treated + "@mail.test").isEmpty());

        assertSuppressed(key, heldOut, "held_out");
        assertSuppressed(key, control, "global_control");
        for (String email : emails) {
            assertThat(mailbox.to(email)).isEmpty();
        }
        assertThat(TopicReader.now(Topics.DISPATCHES, read -> treated.equals(read.key())))
                .noneMatch(read -> "dispatch.suppressed".equals(read.value().path("type").asText()));
    }

    private static void assertSuppressed(String key, String customer, String reason) {
        List<TopicReader.Read> records = TopicReader.awaitRecords(Topics.DISPATCHES, 1,
                read -> customer.equals(read.key()));
        assertThat(records).singleElement().satisfies(read -> {
            assertThat(read.value().path("type").asText()).isEqualTo("dispatch.suppressed");
            assertThat(read.value().path("reason").asText()).isEqualTo(reason);
            assertThat(read.value().path("journeyId").asText()).isEqualTo(key);
            assertThat(read.value().path("stepId").asText()).isEqualTo("loyal");
            assertThat(read.value().path("channel").asText()).isEqualTo("email");
            assertThat(read.value().path("templateId").asText()).isEqualTo("welcome_2_brand_story");
            assertThat(read.value().path("identityKey").asText()).isEqualTo(customer);
        });
        assertThat(Journeys.messages(customer)).singleElement().satisfies(message -> assertThat(message)
                .containsEntry("status", "suppressed").containsEntry("reason", reason));
        assertThat(Journeys.enrollments(customer)).singleElement()
                .satisfies(enrollment -> assertThat(enrollment).containsEntry("exitReason", "HELD_OUT"));
    }

    private static String customer(java.util.function.Predicate<String> wanted) {
        for (;;) {
            String customer = Contacts.unique("c");
            if (wanted.test(customer)) {
                return customer;
            }
        }
    }
}
