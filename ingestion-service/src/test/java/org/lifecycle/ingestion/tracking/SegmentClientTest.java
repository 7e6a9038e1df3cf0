package org.lifecycle.ingestion.tracking;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.support.TopicProbe.Read;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Segment's own Java library, unchanged, posts to {@code /v1/import} with the write key in the body. */
@QuarkusTest
class SegmentClientTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void officialSegmentClientEventsArriveIntactOnKafka() throws Exception {
        var source = Sources.create("segment-java");
        String user = "segment-" + UUID.randomUUID();
        List<Message> delivered = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        String endpoint = service.toString().replaceAll("/$", "");
        Analytics analytics = Analytics.builder(source.writeKey())
                .endpoint(endpoint)
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
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("email", "grace@example.com");
            traits.put("plan", "premium");
            analytics.enqueue(IdentifyMessage.builder().userId(user).traits(traits));
            Map<String, Object> product = Map.of("product_id", "85123A", "price", 2.55, "quantity", 6);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("order_id", "536365-" + user);
            properties.put("revenue", 15.30);
            properties.put("currency", "GBP");
            properties.put("products", List.of(product));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user).properties(properties));
            analytics.flush();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 2 || !failures.isEmpty());
            assertThat(failures).isEmpty();

            List<Read> reads = events.fromSource(mark, source.id());
            assertThat(reads).hasSize(2);
            for (Read read : reads) {
                assertThat(read.key()).isEqualTo(user);
            }
            CustomerEvent identify = decode(reads, MessageType.IDENTIFY);
            assertThat(identify.traits().get("email").asText()).isEqualTo("grace@example.com");
            assertThat(identify.traits().get("plan").asText()).isEqualTo("premium");
            assertThat(identify.typedContext().library().name()).isEqualTo("analytics-java");

            CustomerEvent track = decode(reads, MessageType.TRACK);
            assertThat(track.event()).isEqualTo("Order Completed");
            Order order = Order.from(track.properties());
            assertThat(order.orderId()).isEqualTo("536365-" + user);
            assertThat(order.value()).isEqualByComparingTo("15.30");
            assertThat(order.products()).singleElement().satisfies(p -> {
                assertThat(p.productId()).isEqualTo("85123A");
                assertThat(p.quantity()).isEqualTo(6);
            });
            assertThat(track.messageId()).as("the client's own messageId is kept").isNotBlank();
            assertThat(track.sentAt()).as("the client's sentAt is kept for skew correction").isNotNull();
        } finally {
            analytics.shutdown();
        }
    }

    private static CustomerEvent decode(List<Read> reads, MessageType type) {
        return reads.stream()
                .map(r -> LifecycleJson.decode(r.raw(), CustomerEvent.class))
                .filter(e -> e.type() == type)
                .findFirst()
                .orElseThrow();
    }
}
