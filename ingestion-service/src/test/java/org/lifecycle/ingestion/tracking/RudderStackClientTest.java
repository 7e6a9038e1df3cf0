package org.lifecycle.ingestion.tracking;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.support.TopicProbe.Read;

import com.rudderstack.sdk.java.analytics.Callback;
import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.rudderstack.sdk.java.analytics.messages.IdentifyMessage;
import com.rudderstack.sdk.java.analytics.messages.Message;
import com.rudderstack.sdk.java.analytics.messages.PageMessage;
import com.rudderstack.sdk.java.analytics.messages.TrackMessage;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** RudderStack's Java library, unchanged, posts gzip batches to {@code /v1/batch} with the key as Basic user. */
@QuarkusTest
class RudderStackClientTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void officialRudderStackClientEventsArriveIntactOnKafka() {
        var source = Sources.create("rudderstack-java");
        String user = "rudder-" + UUID.randomUUID();
        List<Message> delivered = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        RudderAnalytics analytics = RudderAnalytics.builder(source.writeKey())
                .setDataPlaneUrl(service.toString())
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.add(message);
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                    }
                })
                .build();
        try (var events = new TopicProbe(Topics.EVENTS)) {
            var mark = events.mark();
            analytics.enqueue(IdentifyMessage.builder().userId(user).traits(Map.of("email", "lin@example.com")));
            analytics.enqueue(TrackMessage.builder("Checkout Started").userId(user)
                    .properties(Map.of("checkout_id", "c-1", "value", 42.5)));
            analytics.enqueue(PageMessage.builder("Pricing").userId(user).properties(Map.of("path", "/pricing")));
            analytics.flush();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 3 || !failures.isEmpty());
            assertThat(failures).isEmpty();

            List<Read> reads = events.fromSource(mark, source.id());
            assertThat(reads).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo(user));
            var decoded = reads.stream().map(r -> LifecycleJson.decode(r.raw(), CustomerEvent.class)).toList();
            assertThat(decoded).extracting(CustomerEvent::type)
                    .containsExactlyInAnyOrder(MessageType.IDENTIFY, MessageType.TRACK, MessageType.PAGE);
            CustomerEvent track = decoded.stream().filter(e -> e.type() == MessageType.TRACK).findFirst().orElseThrow();
            assertThat(track.event()).isEqualTo("Checkout Started");
            assertThat(track.properties().get("value").decimalValue()).isEqualByComparingTo("42.5");
            CustomerEvent page = decoded.stream().filter(e -> e.type() == MessageType.PAGE).findFirst().orElseThrow();
            assertThat(page.name()).isEqualTo("Pricing");
            assertThat(decoded.stream().filter(e -> e.type() == MessageType.IDENTIFY).findFirst().orElseThrow()
                    .traits().get("email").asText()).isEqualTo("lin@example.com");
        } finally {
            analytics.shutdown();
        }
    }
}
