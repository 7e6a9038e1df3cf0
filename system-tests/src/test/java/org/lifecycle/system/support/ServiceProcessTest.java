package org.lifecycle.system.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service killed with SIGKILL and started again by the harness comes back on the same port and database: what it
 * stored before the crash (a source and its write key) still works after it.
 */
class ServiceProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Installation suite = new Installation("harness");

    @Test
    void aSourceCreatedBeforeAKillAcceptsEventsAfterTheRestart() {
        ServiceProcess ingestion = suite.start(Service.INGESTION);
        JsonApi api = new JsonApi(ingestion.url());
        JsonApi.Response source = api.post("/admin/sources", JSON.createObjectNode().put("name", "crash"),
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(source.status()).as(source.body()).isEqualTo(201);
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((source.json().path("writeKey").asText() + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(track(api, basic, "before").status()).isEqualTo(200);

        ingestion.kill();
        assertThat(ingestion.isAlive()).isFalse();
        assertThatThrownBy(() -> api.get("/q/health/live")).hasMessageContaining("failed");

        ingestion.restart();
        assertThat(ingestion.isAlive()).isTrue();
        assertThat(ingestion.log().getFileName().toString()).isEqualTo("ingestion-service-2.log");
        JsonApi.Response after = track(api, basic, "after");
        assertThat(after.status()).as(after.body()).isEqualTo(200);

        ingestion.stop();
        assertThat(ingestion.isAlive()).isFalse();
    }

    private static JsonApi.Response track(JsonApi api, String authorization, String messageId) {
        ObjectNode event = JSON.createObjectNode().put("userId", "harness-customer").put("event", "Page Viewed")
                .put("messageId", "harness-" + messageId);
        return api.post("/v1/track", event, Map.of("Authorization", authorization));
    }
}
