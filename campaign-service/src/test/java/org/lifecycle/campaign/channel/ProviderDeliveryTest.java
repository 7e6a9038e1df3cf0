package org.lifecycle.campaign.channel;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.delivery.DeliveryGateway;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.WebhookReceiver;
import org.lifecycle.campaign.support.WebhookReceiver.Received;
import org.lifecycle.campaign.support.WebhookReceiver.Reply;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** SMS, push and generic webhooks through the gateway, to a real HTTP server standing in for the providers. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class ProviderDeliveryTest {

    private static WebhookReceiver providers;

    @Inject
    DeliveryGateway gateway;

    @BeforeAll
    static void startProviders() {
        providers = new WebhookReceiver(
                ConfigProvider.getConfig().getValue(IsolatedInfrastructure.WEBHOOK_PORT, Integer.class));
    }

    @AfterAll
    static void stopProviders() {
        providers.close();
    }

    private static String key() {
        return ConfigProvider.getConfig().getValue("lifecycle.delivery.signing-key", String.class);
    }

    private DeliveryOutcome deliver(String messageId, Channel channel, String template, Contact contact) {
        return gateway.deliver(Contacts.request(messageId, channel, template, contact)).await()
                .atMost(Duration.ofSeconds(30));
    }

    private static Received only(String path, String messageId) {
        return providers.received(path).stream()
                .filter(request -> messageId.equals(request.header("Idempotency-Key")))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one request for " + messageId);
                }).orElseThrow(() -> new AssertionError("no request for " + messageId));
    }

    @Test
    void anSmsGoesToTheSmsProviderSignedWithTheConfiguredKey() throws Exception {
        String messageId = Contacts.unique("sms");
        providers.reply("/sms", new Reply(200, "{\"sid\": \"SM-" + messageId + "\"}", 0));

        DeliveryOutcome outcome = deliver(messageId, Channel.SMS, "win_back_lapsed_offer_sms",
                Contacts.ann(Contacts.unique("ann")));

        assertThat(outcome).isEqualTo(DeliveryOutcome.sent("HTTP 200", "SM-" + messageId));
        Received request = only("/sms", messageId);
        assertThat(WebhookReceiver.signedWith(request, key())).isTrue();
        JsonNode body = LifecycleJson.mapper().readTree(request.body());
        assertThat(body.path("message_id").asText()).isEqualTo(messageId);
        assertThat(body.path("to").asText()).isEqualTo("+15550100");
        assertThat(body.path("body").asText())
                .startsWith("Test Shop: we miss you, here is 25% off your next order: https://shop.test");
    }

    @Test
    void aPushGoesToThePushProviderWithItsTitle() throws Exception {
        String messageId = Contacts.unique("push");
        String customer = Contacts.unique("ann");

        assertThat(deliver(messageId, Channel.PUSH, "sunset_hello_push", Contacts.ann(customer)).result())
                .isEqualTo(DeliveryOutcome.Result.SENT);

        Received request = only("/push", messageId);
        assertThat(WebhookReceiver.signedWith(request, key())).isTrue();
        JsonNode body = LifecycleJson.mapper().readTree(request.body());
        assertThat(body.path("customer_key").asText()).isEqualTo(customer);
        assertThat(body.path("title").asText()).isEqualTo("Still here for you");
        assertThat(body.path("body").asText()).isEqualTo("Ann, see what is new at Test Shop.");
    }

    @Test
    void aWebhookTemplatePostsItsRenderedPayload() throws Exception {
        String template = Contacts.unique("audience_sync");
        given().contentType("application/json")
                .body("""
                        {"key": "%s", "channel": "webhook",
                         "payload": "{\\"audience\\": \\"win-back\\", \\"email\\": \\"{contact.email}\\", \\"stage\\": \\"{contact.stage}\\"}"}
                        """
                        .formatted(template))
                .when().post("/api/templates").then().statusCode(201);
        String messageId = Contacts.unique("hook");
        String customer = Contacts.unique("ann");

        assertThat(deliver(messageId, Channel.WEBHOOK, template, Contacts.ann(customer)).result())
                .isEqualTo(DeliveryOutcome.Result.SENT);

        Received request = only("/hook", messageId);
        assertThat(WebhookReceiver.signedWith(request, key())).isTrue();
        assertThat(LifecycleJson.mapper().readTree(request.body())).isEqualTo(LifecycleJson.mapper().readTree(
                "{\"audience\": \"win-back\", \"email\": \"" + customer + "@mail.test\", \"stage\": \"at_risk\"}"));
    }

    @Test
    void aProviderThatRefusesTheMessageRejectsItForGood() {
        String messageId = Contacts.unique("sms");
        providers.reply("/sms", new Reply(422, "{\"error\": \"unreachable number\"}", 0));

        DeliveryOutcome outcome = deliver(messageId, Channel.SMS, "sunset_hello_sms",
                Contacts.ann(Contacts.unique("ann")));

        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.REJECTED);
        assertThat(outcome.status()).startsWith("HTTP 422");
        assertThat(providers.received("/sms").stream()
                .filter(request -> messageId.equals(request.header("Idempotency-Key")))).hasSize(1);
    }

    @Test
    void whatCannotBeSentIsRejectedWithoutCallingTheProvider() {
        Contact withoutPhone = Contacts.ann(Contacts.unique("ann")).toBuilder().phone(null).build();
        String noPhone = Contacts.unique("sms");
        String unknown = Contacts.unique("sms");
        String wrongChannel = Contacts.unique("sms");

        assertThat(deliver(noPhone, Channel.SMS, "sunset_hello_sms", withoutPhone))
                .isEqualTo(DeliveryOutcome.rejected("no phone number"));
        assertThat(deliver(unknown, Channel.SMS, "no_such_template", withoutPhone))
                .isEqualTo(DeliveryOutcome.rejected("no template no_such_template"));
        assertThat(deliver(wrongChannel, Channel.SMS, "win_back_offer", withoutPhone))
                .isEqualTo(DeliveryOutcome.rejected("template win_back_offer is for email, not sms"));
        assertThat(providers.received("/sms")).noneMatch(request -> request.body().contains(noPhone)
                || request.body().contains(unknown) || request.body().contains(wrongChannel));
    }
}
