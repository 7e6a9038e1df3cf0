package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.List;

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
 * A customer with a support ticket open gets no promotional message: it is suppressed with the reason
 * {@code ticket_open}, announced on {@code lifecycle.dispatches}; once the ticket is solved, messages go out again; a
 * journey with {@code "suppress_while_ticket_open": false} sends regardless.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class TicketSuppressionTest {

    static final String PROMOTION = """
            {"key": "%KEY%", "name": "Promotion", "trigger": {"type": "event", "event": "Promo %KEY%"}, RULE
             "steps": [{"id": "promo", "type": "send", "channel": "email", "template": "welcome_3_bestsellers"}]}""";

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
    void anOpenTicketSuppressesPromotionsUntilItIsSolved() {
        String key = Journeys.activate(PROMOTION.replace("RULE", ""));
        String regardless = Journeys.activate(PROMOTION.replace("RULE", "\"suppress_while_ticket_open\": false,"));
        String zone = clock.zoneWhereItIs(12);
        String waiting = Contacts.unique("c");
        String solved = Contacts.unique("c");
        Journeys.identify(waiting, zone, clock.instant());
        String solvedEmail = Journeys.identify(solved, zone, clock.instant());
        for (String customer : List.of(waiting, solved)) {
            Records.publish(Topics.EVENTS, Records.track(customer, "Ticket Created", clock.instant(),
                    Records.object().put("ticket_id", "t-" + customer).put("subject", "Broken mug")));
        }
        Records.publish(Topics.EVENTS, Records.track(solved, "Ticket Solved", clock.instant(),
                Records.object().put("ticket_id", "t-" + solved)));
        for (String customer : List.of(waiting, solved)) {
            Records.publish(Topics.EVENTS, Records.track(customer, "Promo " + key, clock.instant(),
                    Records.object()));
        }

        Journeys.awaitMessages(waiting, list -> Journeys.withStatus(list, "suppressed") == 1);
        assertThat(Journeys.messages(waiting).getFirst().get("reason").toString()).startsWith("ticket_open");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(solvedEmail).size() == 1);
        assertThat(mailbox.to(waiting + "@mail.test")).isEmpty();
        assertThat(TopicReader.awaitRecords(Topics.DISPATCHES, 2, read -> waiting.equals(read.key())))
                .anySatisfy(read -> {
                    assertThat(read.value().path("type").asText()).isEqualTo("dispatch.suppressed");
                    assertThat(read.value().path("reason").asText()).startsWith("ticket_open");
                });

        Records.publish(Topics.EVENTS, Records.track(waiting, "Promo " + regardless, clock.instant(),
                Records.object()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(waiting + "@mail.test").size() == 1);
    }
}
