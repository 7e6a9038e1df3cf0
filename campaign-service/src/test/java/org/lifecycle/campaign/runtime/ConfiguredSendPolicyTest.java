package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Mailbox;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send policy as configured ({@code lifecycle.policy.*}), not as built in: one promotional email a day and quiet
 * hours from noon to 14:00 hold messages the defaults (two a day, 21:00 to 08:00) would have sent at once.
 */
@QuarkusTest
@TestProfile(ConfiguredSendPolicyTest.StricterPolicy.class)
@QuarkusTestResource(IsolatedInfrastructure.class)
class ConfiguredSendPolicyTest {

    public static class StricterPolicy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifecycle.policy.email.per-day", "1", "lifecycle.policy.quiet-hours.start", "12:00",
                    "lifecycle.policy.quiet-hours.end", "14:00");
        }
    }

    static final String TWO_AT_ONCE = """
            {"key": "%KEY%", "name": "Two at once", "trigger": {"type": "event", "event": "Signed Up %KEY%"},
             "steps": [
               {"id": "one", "type": "send", "channel": "email", "template": "welcome_1_hello"},
               {"id": "two", "type": "send", "channel": "email", "template": "welcome_2_brand_story"}
             ]}""";

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
    void aConfiguredDailyCapOfOneHoldsTheSecondPromotionalEmailUntilTheNextDay() {
        String key = Journeys.activate(TWO_AT_ONCE);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(16), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 1
                && Journeys.withStatus(list, "held") == 1);
        assertThat(mailbox.to(email)).hasSize(1);
        Map<String, Object> held = Journeys.messages(customer).stream().filter(m -> "held".equals(m.get("status")))
                .findFirst().orElseThrow();
        assertThat(held).containsEntry("stepId", "two");
        assertThat(held.get("reason").toString()).startsWith("daily_cap").contains("frequency cap of 1 email per day");

        clock.advance(Duration.ofDays(1));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 2);
        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 2);
    }

    @Test
    void configuredQuietHoursHoldAnEmailAtOnePmInTheCustomersZone() {
        String key = Journeys.activate(TWO_AT_ONCE);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(13), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "held") == 2);
        assertThat(Journeys.messages(customer)).allSatisfy(message -> assertThat(message.get("reason").toString())
                .startsWith("quiet_hours").contains("quiet hours 12:00-14:00"));
        assertThat(mailbox.to(email)).isEmpty();
    }
}
