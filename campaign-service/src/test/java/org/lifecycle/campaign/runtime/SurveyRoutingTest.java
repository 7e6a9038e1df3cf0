package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Mailbox;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.campaign.support.WebhookReceiver;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NPS answers route customers with the ready-made journeys: a promoter (9-10) is invited to refer a friend, a
 * detractor (0-6) gets no promotion and the support desk's own webhook (not the generic one) gets an alert naming
 * them, HMAC-signed with the support desk's key.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class SurveyRoutingTest {

    private static Mailbox mailbox;
    private static WebhookReceiver desk;

    @Inject
    TestClock clock;

    @BeforeAll
    static void start() {
        mailbox = Mailbox.start();
        desk = new WebhookReceiver(
                ConfigProvider.getConfig().getValue(IsolatedInfrastructure.WEBHOOK_PORT, Integer.class));
    }

    @AfterAll
    static void stop() {
        mailbox.close();
        desk.close();
    }

    @Test
    void promotersAreAskedToReferAndDetractorsRaiseASignedAlert() throws Exception {
        for (String journey : List.of("referral_promoter", "detractor_alert")) {
            given().queryParam("key", journey).post("/api/journeys/library/" + journey).then().statusCode(201);
            given().post("/api/journeys/" + journey + "/activate").then().statusCode(200);
        }
        String zone = clock.zoneWhereItIs(12);
        String promoter = Contacts.unique("c");
        String detractor = Contacts.unique("c");
        String promoterEmail = Journeys.identify(promoter, zone, clock.instant());
        String detractorEmail = Journeys.identify(detractor, zone, clock.instant());
        Records.publish(Topics.EVENTS, Records.track(promoter, "Survey Responded", clock.instant(),
                Records.object().put("survey_id", "nps").put("response_id", "r-1").put("nps_score", 10)));
        Records.publish(Topics.EVENTS, Records.track(detractor, "Survey Responded", clock.instant(),
                Records.object().put("survey_id", "nps").put("response_id", "r-2").put("nps_score", 3)));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(promoterEmail).size() == 1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> desk.received("/desk").stream()
                .anyMatch(request -> request.body().contains(detractor)));
        WebhookReceiver.Received alert = desk.received("/desk").stream()
                .filter(request -> request.body().contains(detractor)).findFirst().orElseThrow();
        assertThat(WebhookReceiver.signedWith(alert, ConfigProvider.getConfig()
                .getValue("lifecycle.delivery.support-desk.signing-key", String.class))).isTrue();
        assertThat(WebhookReceiver.signedWith(alert,
                ConfigProvider.getConfig().getValue("lifecycle.delivery.signing-key", String.class))).isFalse();
        JsonNode payload = LifecycleJson.mapper().readTree(alert.body());
        assertThat(payload.path("alert").asText()).isEqualTo("nps_detractor");
        assertThat(payload.path("customer").asText()).isEqualTo(detractor);
        assertThat(payload.path("nps_score").asText()).isEqualTo("3");

        Journeys.awaitMessages(detractor, list -> Journeys.withStatus(list, "sent") == 1);
        assertThat(Journeys.messages(detractor)).singleElement()
                .satisfies(message -> assertThat(message).containsEntry("journeyKey", "detractor_alert"));
        assertThat(mailbox.to(detractorEmail)).isEmpty();
        assertThat(Journeys.messages(promoter)).singleElement()
                .satisfies(message -> assertThat(message).containsEntry("journeyKey", "referral_promoter"));
        assertThat(desk.received("/desk")).noneMatch(request -> request.body().contains(promoter));
        // The alert goes to the support desk's own URL, never to the generic webhook.
        assertThat(desk.received("/hook")).isEmpty();
    }
}
