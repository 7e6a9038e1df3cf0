package org.lifecycle.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cutsByEventCountAndKeepsOrder() throws Exception {
        List<byte[]> events = events(250, 100);
        List<Batch> batches = Batch.split(events, 100, Batch.MAX_BATCH_BYTES, "2024-01-01T00:00:00Z");

        assertThat(batches).extracting(Batch::events).containsExactly(100, 100, 50);
        JsonNode last = JSON.readTree(batches.get(2).body());
        assertThat(last.path("sentAt").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(last.path("batch").get(0).path("n").asInt()).isEqualTo(200);
        assertThat(last.path("batch").get(49).path("n").asInt()).isEqualTo(249);
    }

    @Test
    void neverExceedsTheBatchByteLimit() throws Exception {
        // 100 events of ~20 KB are 2 MB: far over 500 KB, so the count alone cannot be the cut.
        List<byte[]> events = events(100, 20_000);
        List<Batch> batches = Batch.split(events, 100, Batch.MAX_BATCH_BYTES, "2024-01-01T00:00:00Z");

        assertThat(batches).allSatisfy(b -> assertThat(b.body().length).isLessThanOrEqualTo(Batch.MAX_BATCH_BYTES));
        assertThat(batches.stream().mapToInt(Batch::events).sum()).isEqualTo(100);
        for (Batch b : batches) {
            assertThat(JSON.readTree(b.body()).path("batch")).hasSize(b.events());
        }
    }

    @Test
    void withoutSentAtTheBodyCarriesNone() throws Exception {
        List<Batch> batches = Batch.split(events(3, 50), 100, Batch.MAX_BATCH_BYTES, null);

        JsonNode body = JSON.readTree(batches.getFirst().body());
        assertThat(body.has("sentAt")).isFalse();
        assertThat(body.path("batch")).hasSize(3);
    }

    @Test
    void refusesAnEventOverThePerEventLimit() {
        assertThatThrownBy(() -> Batch.split(events(1, Batch.MAX_EVENT_BYTES + 10), 100, Batch.MAX_BATCH_BYTES, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<byte[]> events(int count, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String head = "{\"n\":" + i + ",\"pad\":\"";
            String pad = "x".repeat(Math.max(0, size - head.length() - 2));
            out.add((head + pad + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
