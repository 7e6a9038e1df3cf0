package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.runtime.service.Dispatcher;
import org.lifecycle.campaign.runtime.service.JourneyRuntime;
import org.lifecycle.campaign.runtime.service.RuntimeSweeper;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Mailbox;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No message twice, whatever runs concurrently or stops half-way: sweeps here are run by the test, from several
 * threads at once as several replicas would, or cut between the channel call and the recording of its outcome as a
 * crash would. The real channel gateway mails a real SMTP server.
 */
@QuarkusTest
@TestProfile(ManualSweeps.class)
@QuarkusTestResource(IsolatedInfrastructure.class)
class ExactlyOnceTest {

    private static Mailbox mailbox;

    @Inject
    TestClock clock;

    @Inject
    RuntimeSweeper sweeper;

    @Inject
    Dispatcher dispatcher;

    @Inject
    JourneyRuntime runtime;

    @Inject
    Db db;

    @BeforeAll
    static void startSmtpServer() {
        mailbox = Mailbox.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        mailbox.close();
    }

    @Test
    void fourReplicasSweepingTheSameDueWaitsSendEachMessageOnce() throws Exception {
        String key = Journeys.activate(JourneyRuntimeTest.WELCOME_THEN_WAIT.replace(
                "{\"id\": \"hello\", \"type\": \"send\", \"channel\": \"email\", \"template\": \"welcome_1_hello\"},",
                ""));
        List<String> emails = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String customer = Contacts.unique("c");
            customers.add(customer);
            emails.add(Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant()));
            Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(),
                    Records.object()));
        }
        for (String customer : customers) {
            Journeys.awaitEnrollments(customer, list -> list.size() == 1
                    && "WAITING".equals(list.getFirst().get("status")));
        }
        clock.advance(Duration.ofMinutes(61));

        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(() -> {
                    for (int round = 0; round < 5; round++) {
                        sweeper.sweepOnce();
                    }
                    return true;
                });
            }
            for (Future<Boolean> done : replicas.invokeAll(rounds)) {
                done.get();
            }
        } finally {
            replicas.shutdown();
        }
        sweeper.sweepOnce();

        for (String customer : customers) {
            assertThat(Journeys.messages(customer)).singleElement()
                    .satisfies(message -> assertThat(message).containsEntry("status", "sent"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> emails.stream().allMatch(email -> !mailbox.to(email).isEmpty()));
        for (String email : emails) {
            assertThat(mailbox.to(email)).hasSize(1);
        }
    }

    @Test
    void aDispatcherStoppedAfterTheChannelCallNeverSendsAgainAfterRestart() {
        String key = Journeys.activate(JourneyRuntimeTest.ONE_EMAIL);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Signed Up " + key, clock.instant(), Records.object()));
        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "queued") == 1);

        // the first dispatcher claims the message and hands it to the channel, then dies before recording the answer
        List<Dispatcher.Claimed> claimed = new ArrayList<>();
        dispatcher.claimDue(claimed);
        assertThat(claimed).singleElement();
        DeliveryOutcome outcome = dispatcher.deliver(claimed.getFirst()).await().atMost(Duration.ofSeconds(60));
        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.SENT);

        // after the restart: sweeps, and the interrupted message taken for failed, without a second send
        sweeper.sweepOnce();
        sweeper.sweepOnce();
        db.query("update send_ledger set updated_at = now() - interval '1 hour' where customer_key = $1", customer);
        assertThat(dispatcher.failInterrupted()).isEqualTo(1);
        sweeper.sweepOnce();

        assertThat(Journeys.messages(customer)).singleElement().satisfies(message -> {
            assertThat(message).containsEntry("status", "failed");
            assertThat(message.get("reason").toString()).contains("not sent again");
        });
        assertThat(mailbox.to(email)).hasSize(1);
    }

    @Test
    void aTriggerAppliedAgainAfterACrashBeforeItsOffsetWasCommittedSendsOnce() {
        String key = Journeys.activate(JourneyRuntimeTest.ONE_EMAIL);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        CustomerEvent signup = Records.track(customer, "Signed Up " + key, clock.instant(), Records.object());
        Records.publish(Topics.EVENTS, signup);
        Journeys.awaitMessages(customer, list -> list.size() == 1);
        sweeper.sweepOnce();

        // the consumer committed the database but died before committing the offset: the record comes again
        runtime.apply(signup);
        runtime.apply(signup);
        sweeper.sweepOnce();

        assertThat(Journeys.messages(customer)).singleElement()
                .satisfies(message -> assertThat(message).containsEntry("status", "sent"));
        assertThat(Journeys.enrollments(customer)).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !mailbox.to(email).isEmpty());
        assertThat(mailbox.to(email)).hasSize(1);
    }
}
