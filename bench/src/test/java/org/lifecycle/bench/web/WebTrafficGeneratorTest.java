package org.lifecycle.bench.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebTrafficGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> E_COMMERCE = Set.of("Product Viewed", "Products Searched", "Product Added",
            "Checkout Started", "Order Completed");

    @Test
    void sameSeedGivesTheSameEvents() {
        assertThat(texts(new WebTrafficGenerator(7).generate(3000)))
                .isEqualTo(texts(new WebTrafficGenerator(7).generate(3000)));
        assertThat(texts(new WebTrafficGenerator(8).generate(3000)))
                .isNotEqualTo(texts(new WebTrafficGenerator(7).generate(3000)));
    }

    @Test
    void everyEventIsASegmentMessageOfABrowser() throws Exception {
        List<WebTrafficGenerator.WebEvent> events = new WebTrafficGenerator(42).generate(20_000);
        assertThat(events).hasSize(20_000);
        Instant previous = Instant.MIN;
        for (WebTrafficGenerator.WebEvent event : events) {
            JsonNode m = JSON.readTree(event.json());
            String type = m.path("type").asText();
            assertThat(type).isIn("page", "track", "identify").isEqualTo(event.type());
            assertThat(m.path("anonymousId").asText())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(event.key())
                    .isEqualTo(m.has("userId") ? m.get("userId").asText() : m.get("anonymousId").asText());
            assertThat(m.path("messageId").asText()).startsWith("ajs-next-");
            Instant at = Instant.parse(m.path("timestamp").asText());
            assertThat(m.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;

            JsonNode context = m.path("context");
            assertThat(context.path("library").path("name").asText()).isEqualTo("analytics.js");
            assertThat(context.path("library").path("version").asText()).isNotBlank();
            assertThat(context.path("userAgent").asText()).startsWith("Mozilla/5.0 (");
            assertThat(context.path("locale").asText()).matches("[a-z]{2}-[A-Z]{2}");
            assertThat(context.path("timezone").asText()).contains("/");
            assertThat(context.path("ip").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertPage(context.path("page"));

            switch (type) {
                case "page" -> {
                    assertThat(m.path("name").asText()).isNotBlank();
                    assertPage(m.path("properties"));
                }
                case "track" -> {
                    assertThat(m.path("event").asText()).isIn(E_COMMERCE);
                    JsonNode p = m.path("properties");
                    switch (m.path("event").asText()) {
                        case "Product Viewed", "Product Added" -> {
                            for (String field : List.of("product_id", "sku", "name", "category", "brand")) {
                                assertThat(p.path(field).asText()).as(field).isNotBlank();
                            }
                            assertThat(p.path("price").isNumber()).isTrue();
                        }
                        case "Products Searched" -> assertThat(p.path("query").asText()).isNotBlank();
                        default -> {
                            assertThat(p.path("order_id").asText()).startsWith("NK-");
                            assertThat(p.path("products").size()).isBetween(1, 3);
                            assertThat(p.path("products").get(0).path("sku").asText()).isNotBlank();
                        }
                    }
                }
                default -> {
                    assertThat(m.path("userId").asText()).startsWith("usr_");
                    JsonNode traits = m.path("traits");
                    assertThat(traits.path("email").asText()).contains("@");
                    assertThat(traits.path("first_name").asText()).isNotBlank();
                    assertThat(traits.path("last_name").asText()).isNotBlank();
                    assertThat(traits.path("plan").asText()).isIn("free", "member", "premium");
                }
            }
        }
    }

    @Test
    void mixAndSizesLookLikeWebTraffic() throws Exception {
        List<WebTrafficGenerator.WebEvent> events = new WebTrafficGenerator(42).generate(20_000);
        Map<String, Long> byType = events.stream()
                .collect(Collectors.groupingBy(WebTrafficGenerator.WebEvent::type, Collectors.counting()));
        assertThat(byType.get("page")).isBetween(9_000L, 14_000L);
        assertThat(byType.get("track")).isBetween(6_000L, 11_000L);
        assertThat(byType.get("identify")).isBetween(100L, 1_500L);

        Map<String, Long> byEvent = new java.util.HashMap<>();
        long known = 0;
        long campaigns = 0;
        for (WebTrafficGenerator.WebEvent event : events) {
            JsonNode m = JSON.readTree(event.json());
            byEvent.merge(m.path("event").asText(""), 1L, Long::sum);
            known += m.has("userId") ? 1 : 0;
            campaigns += m.path("context").has("campaign") ? 1 : 0;
        }
        assertThat(byEvent.keySet()).containsAll(E_COMMERCE);
        assertThat(known / (double) events.size()).as("share with a userId").isBetween(0.1, 0.6);
        assertThat(campaigns / (double) events.size()).as("share with a campaign").isBetween(0.05, 0.5);
        assertThat(events.stream().map(WebTrafficGenerator.WebEvent::key).distinct().count()).isGreaterThan(1000);

        double mean = events.stream().mapToInt(e -> e.json().length).average().orElseThrow();
        assertThat(mean).as("mean bytes per event").isBetween(500.0, 900.0);
        long inRange = events.stream().filter(e -> e.json().length >= 500 && e.json().length <= 900).count();
        assertThat(inRange / (double) events.size()).as("share of 500-900 B events").isGreaterThan(0.8);
        assertThat(events).allSatisfy(e -> assertThat(e.json().length).isBetween(400, 1_500));
    }

    private static void assertPage(JsonNode page) {
        assertThat(page.path("path").asText()).startsWith("/");
        assertThat(page.path("url").asText()).startsWith(WebTrafficGenerator.SITE + page.path("path").asText());
        assertThat(page.path("title").asText()).contains(WebTrafficGenerator.SHOP);
        assertThat(page.has("referrer")).isTrue();
        assertThat(page.has("search")).isTrue();
    }

    private static List<String> texts(List<WebTrafficGenerator.WebEvent> events) {
        return events.stream().map(e -> new String(e.json(), StandardCharsets.UTF_8)).map(Function.identity()).toList();
    }
}
