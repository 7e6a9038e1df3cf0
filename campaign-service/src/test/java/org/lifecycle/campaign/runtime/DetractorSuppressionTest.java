package org.lifecycle.campaign.runtime;

import java.time.Duration;

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
import org.lifecycle.campaign.support.TopicReader;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a customer's latest NPS answer is a detractor's (0-6), promotional messages are suppressed with the reason
 * {@code nps_detractor} and announced on {@code lifecycle.dispatches}; transactional ones still go, a journey with
 * {@code "suppress_while_detractor": false} sends regardless, a later promoter answer lifts it, and an answer whose
 * survey link failed verification does not count.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class DetractorSuppressionTest {

    static final String JOURNEY = """
            {"key": "%KEY%", "name": "Message", "trigger": {"type": "event", "event": "Go %KEY%"}, RULE
             "steps": [{"id": "message", "type": "send", "channel": "email", "template": "welcome_3_bestsellers"
                        PRIORITY}]}""";

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

    private static String journey(String rule, String priority) {
        return Journeys.activate(JOURNEY.replace("RULE", rule).replace("PRIORITY", priority));
    }

    private void answer(String customer, int score, Boolean linkVerified) {
        var properties = Records.object().put("survey_id", "nps").put("response_id", Contacts.unique("r"))
                .put("nps_score", score);
        if (linkVerified != null) {
            properties.put("link_verified", linkVerified);
        }
        Records.publish(Topics.EVENTS, Records.track(customer, "Survey Responded", clock.instant(), properties));
    }

    private void trigger(String customer, String journey) {
        Records.publish(Topics.EVENTS, Records.track(customer, "Go " + journey, clock.instant(), Records.object()));
    }

    @Test
    void aDetractorGetsNoPromotionUntilALaterAnswerLiftsIt() {
        String promotion = journey("", "");
        String transactional = journey("", ", \"priority\": \"transactional\"");
        String regardless = journey("\"suppress_while_detractor\": false,", "");
        String laterPromotion = journey("", "");
        String zone = clock.zoneWhereItIs(12);
        String detractor = Contacts.unique("c");
        String forged = Contacts.unique("c");
        String email = Journeys.identify(detractor, zone, clock.instant());
        String forgedEmail = Journeys.identify(forged, zone, clock.instant());
        answer(detractor, 3, null);
        answer(forged, 2, false);
        trigger(detractor, promotion);
        trigger(detractor, transactional);
        trigger(forged, promotion);

        Journeys.awaitMessages(detractor, list -> Journeys.withStatus(list, "suppressed") == 1
                && Journeys.withStatus(list, "sent") == 1);
        assertThat(Journeys.messages(detractor)).anySatisfy(message -> {
            assertThat(message).containsEntry("journeyKey", promotion).containsEntry("status", "suppressed");
            assertThat(message.get("reason").toString())
                    .isEqualTo("nps_detractor: the customer's latest NPS answer is 3 (0-6)");
        }).anySatisfy(message -> assertThat(message).containsEntry("journeyKey", transactional)
                .containsEntry("status", "sent"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        assertThat(TopicReader.awaitRecords(Topics.DISPATCHES, 1, read -> detractor.equals(read.key())
                && read.value().path("type").asText().equals("dispatch.suppressed")))
                .anySatisfy(read -> assertThat(read.value().path("reason").asText()).startsWith("nps_detractor"));
        // An answer through a link that failed verification is not the customer's word.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(forgedEmail).size() == 1);

        trigger(detractor, regardless);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 2);

        answer(detractor, 9, null);
        trigger(detractor, laterPromotion);
        Journeys.awaitMessages(detractor, list -> list.stream()
                .anyMatch(message -> laterPromotion.equals(message.get("journeyKey"))
                        && "sent".equals(message.get("status"))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 3);
    }
}
