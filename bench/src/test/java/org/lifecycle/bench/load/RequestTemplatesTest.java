package org.lifecycle.bench.load;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lifecycle.bench.web.WebTrafficGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void webEventsGetMessageIdsUniqueAcrossPatchedRequests() throws Exception {
        List<byte[]> events = new WebTrafficGenerator(42).generate(1_000).stream()
                .map(WebTrafficGenerator.WebEvent::json).toList();
        String run = RequestTemplates.newRun();
        List<RequestTemplates.Template> templates = RequestTemplates.build(events, 100, run);
        assertThat(templates).hasSize(10).allSatisfy(t -> assertThat(t.slots()).hasSize(100));

        Set<String> ids = new HashSet<>();
        long sequence = 0;
        for (int round = 0; round < 3; round++) {
            for (RequestTemplates.Template template : templates) {
                JsonNode body = JSON.readTree(template.render(sequence++));
                assertThat(body.path("batch").size()).isEqualTo(template.events());
                for (JsonNode message : body.path("batch")) {
                    String id = message.path("messageId").asText();
                    assertThat(id).startsWith(RequestTemplates.messageIdPrefix(run)).doesNotContain("#");
                    assertThat(ids.add(id)).as("unique id %s", id).isTrue();
                    assertThat(message.has("userId") || message.has("anonymousId")).isTrue();
                }
            }
        }
        assertThat(ids).hasSize(3 * 1_000);
    }
}
