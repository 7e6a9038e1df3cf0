package org.lifecycle.campaign.channel;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.campaign.support.WebhookReceiver;
import org.lifecycle.campaign.support.WebhookReceiver.Received;
import org.lifecycle.campaign.support.WebhookReceiver.Reply;

import io.vertx.mutiny.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks against a real HTTP server: signatures, retries, permanent refusals, timeouts and the breaker. */
class WebhookChannelTest {

    private static final String KEY = "a-webhook-signing-key-for-the-test-0123456789";
    /** Backoffs short enough for a test; a timeout long enough for a busy machine, since these tests are not about it. */
    private static final Resilience FAST = new Resilience(Duration.ofSeconds(20), 2, Duration.ofMillis(100),
            Duration.ofMillis(400), 20, 0.5, Duration.ofMinutes(1));

    private final Vertx vertx = Vertx.vertx();
    private final WebhookReceiver receiver = new WebhookReceiver(0);
    private final WebhookChannel channel = new WebhookChannel(vertx);

    @AfterEach
    void close() {
        receiver.close();
        vertx.closeAndAwait();
    }

    private WebhookTarget target(String path, Resilience resilience) {
        return new WebhookTarget(path, receiver.url(path), SigningKey.of(KEY, "test"), resilience);
    }

    private DeliveryOutcome post(WebhookTarget target, String messageId, String body) {
        return channel.post(target, messageId, body).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void theBodyArrivesSignedWithTheKeyAndKeyedByTheMessageId() {
        receiver.reply("/sms", new Reply(201, "{\"sid\": \"SM42\", \"status\": \"queued\"}", 0));
        String body = "{\"message_id\":\"m-1\",\"to\":\"+15550100\",\"body\":\"Hi Ann – 20% off\"}";

        DeliveryOutcome outcome = post(target("/sms", FAST), "m-1", body);

        assertThat(outcome).isEqualTo(DeliveryOutcome.sent("HTTP 201", "SM42"));
        Received request = receiver.received("/sms").getFirst();
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("m-1");
        assertThat(WebhookReceiver.signedWith(request, KEY)).isTrue();
        assertThat(WebhookReceiver.signedWith(request, KEY + "x")).isFalse();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheReceiverTakesTheMessage() {
        receiver.reply("/push", Reply.of(500), Reply.of(503), Reply.of(200));

        DeliveryOutcome outcome = post(target("/push", FAST), "m-2", "{\"body\":\"hi\"}");

        assertThat(outcome.result()).as(outcome.status()).isEqualTo(DeliveryOutcome.Result.SENT);
        assertThat(outcome.providerMessageId()).isEqualTo("m-2");
        List<Received> attempts = receiver.received("/push");
        assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.header("Idempotency-Key")).isEqualTo("m-2");
            assertThat(WebhookReceiver.signedWith(attempt, KEY)).isTrue();
        });
        // each retry waited for its backoff (at least half the initial backoff, whatever the jitter)
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.ofNanos(attempts.get(i).arrivedNanos() - attempts.get(i - 1).arrivedNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void tooManyRequestsIsRetried() {
        receiver.reply("/hook", Reply.of(429), Reply.of(204));

        assertThat(post(target("/hook", FAST), "m-3", "{}").result()).isEqualTo(DeliveryOutcome.Result.SENT);
        assertThat(receiver.received("/hook")).hasSize(2);
    }

    @Test
    void aClientErrorIsRejectedForGoodAndNeverRetried() {
        receiver.reply("/sms", new Reply(400, "{\"error\": \"invalid phone number\"}", 0));

        DeliveryOutcome outcome = post(target("/sms", FAST), "m-4", "{}");

        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.REJECTED);
        assertThat(outcome.status()).isEqualTo("HTTP 400: {\"error\": \"invalid phone number\"}");
        assertThat(receiver.received("/sms")).hasSize(1);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeFailsTheMessageAfterTheRetries() {
        Resilience impatient = new Resilience(Duration.ofMillis(300), 1, Duration.ofMillis(50),
                Duration.ofMillis(100), 20, 0.5, Duration.ofMinutes(1));
        receiver.reply("/slow", new Reply(200, "{}", 3_000), new Reply(200, "{}", 3_000));

        DeliveryOutcome outcome = post(target("/slow", impatient), "m-5", "{}");

        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.FAILED);
        assertThat(outcome.status()).containsIgnoringCase("timeout");
        // one attempt and one retry at most (an attempt given up before it was even sent never arrives)
        assertThat(receiver.received("/slow")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndLaterCallsFailWithoutReachingTheReceiver() {
        Resilience breaker = new Resilience(Duration.ofSeconds(20), 0, Duration.ofMillis(50), Duration.ofMillis(100),
                4, 1.0, Duration.ofMinutes(5));
        WebhookTarget target = target("/down", breaker);
        for (int i = 0; i < 4; i++) {
            receiver.reply("/down", Reply.of(502));
            assertThat(post(target, "m-down-" + i, "{}").status()).isEqualTo("HTTP 502");
        }

        DeliveryOutcome outcome = post(target, "m-down-4", "{}");

        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.FAILED);
        assertThat(outcome.status()).contains("circuit breaker open");
        assertThat(receiver.received("/down")).hasSize(4);
    }
}
