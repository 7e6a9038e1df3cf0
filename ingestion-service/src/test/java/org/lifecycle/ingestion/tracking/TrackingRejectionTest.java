package org.lifecycle.ingestion.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.contracts.Topics;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.Sources.TestSource;
import org.lifecycle.ingestion.support.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every way a tracking request can be wrong gets a problem document naming the field (and the message's index in a
 * batch), and nothing of it reaches Kafka: the topic is read back after each rejection.
 */
@QuarkusTest
class TrackingRejectionTest {

    private static final String MARK = "__MARKER__";
    private static TopicProbe events;

    @BeforeAll
    static void openTopic() {
        events = new TopicProbe(Topics.EVENTS);
    }

    @AfterAll
    static void closeTopic() {
        events.close();
    }

    /** A bad request: where it goes, its body, its headers, and the answer it must get. */
    record Case(String name, String path, byte[] body, Map<String, String> headers, int status, String field,
            Integer index) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badRequests() throws IOException {
        String bigValue = "x".repeat(33_000);
        StringBuilder hugeBatch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 40; i++) {
            hugeBatch.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"e\",\"properties\":{\"v\":\"")
                    .append("y".repeat(14_000)).append("\"}}");
        }
        hugeBatch.append("]}");
        return Stream.of(
                bad("malformed JSON", "/v1/track", "{\"userId\":\"" + MARK + "\",", 400, "body", null),
                bad("trailing garbage in a batch", "/v1/batch",
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"e\"}]} extra", 400,
                        "body", null),
                bad("body is an array", "/v1/track", "[{\"userId\":\"" + MARK + "\",\"event\":\"e\"}]", 400, "body",
                        null),
                bad("empty body", "/v1/identify", "", 400, "body", null),
                bad("userId of the wrong type", "/v1/track",
                        "{\"userId\":{\"id\":\"" + MARK + "\"},\"event\":\"e\"}", 400, "userId", null),
                bad("neither userId nor anonymousId", "/v1/track", "{\"event\":\"" + MARK + "\"}", 400, "userId",
                        null),
                bad("track without event", "/v1/track", "{\"userId\":\"" + MARK + "\"}", 400, "event", null),
                bad("track with a numeric event", "/v1/track", "{\"userId\":\"" + MARK + "\",\"event\":42}", 400,
                        "event", null),
                bad("properties not an object", "/v1/track",
                        "{\"userId\":\"" + MARK + "\",\"event\":\"e\",\"properties\":[1,2]}", 400, "properties", null),
                bad("traits not an object", "/v1/identify", "{\"userId\":\"" + MARK + "\",\"traits\":\"vip\"}", 400,
                        "traits", null),
                bad("context not an object", "/v1/page", "{\"userId\":\"" + MARK + "\",\"context\":true}", 400,
                        "context", null),
                bad("unparseable timestamp", "/v1/track",
                        "{\"userId\":\"" + MARK + "\",\"event\":\"e\",\"timestamp\":\"yesterday\"}", 400, "timestamp",
                        null),
                bad("numeric timestamp", "/v1/track",
                        "{\"userId\":\"" + MARK + "\",\"event\":\"e\",\"timestamp\":1700000000}", 400, "timestamp",
                        null),
                bad("bad sentAt", "/v1/track",
                        "{\"userId\":\"" + MARK + "\",\"event\":\"e\",\"sentAt\":\"2024-13-45T99:00:00Z\"}", 400,
                        "sentAt", null),
                bad("alias without previousId", "/v1/alias", "{\"userId\":\"" + MARK + "\"}", 400, "previousId", null),
                bad("group without groupId", "/v1/group", "{\"userId\":\"" + MARK + "\"}", 400, "groupId", null),
                bad("batch is not an array", "/v1/batch", "{\"batch\":{\"userId\":\"" + MARK + "\"}}", 400, "batch",
                        null),
                bad("batch is missing", "/v1/batch", "{\"messages\":[{\"userId\":\"" + MARK + "\"}]}", 400, "batch",
                        null),
                bad("batch is empty", "/v1/import", "{\"batch\":[],\"note\":\"" + MARK + "\"}", 400, "batch", null),
                bad("unknown type in a batch", "/v1/batch",
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"ok\"},"
                                + "{\"type\":\"purchase\",\"userId\":\"" + MARK + "\"}]}",
                        400, "batch[1].type", 1),
                bad("missing type in a batch", "/v1/batch", "{\"batch\":[{\"userId\":\"" + MARK + "\"}]}", 400,
                        "batch[0].type", 0),
                bad("one invalid message spoils the batch", "/v1/batch",
                        "{\"batch\":[{\"type\":\"identify\",\"userId\":\"" + MARK + "\"},"
                                + "{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"ok\"},"
                                + "{\"type\":\"track\",\"userId\":\"" + MARK + "\"}]}",
                        400, "batch[2].event", 2),
                bad("message is not an object", "/v1/batch",
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"ok\"},\"text\"]}",
                        400, "batch[1]", 1),
                bad("event over 32 KB", "/v1/track",
                        "{\"userId\":\"" + MARK + "\",\"event\":\"e\",\"properties\":{\"v\":\"" + bigValue + "\"}}",
                        400,
                        "body", null),
                bad("event over 32 KB in a batch", "/v1/batch",
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + MARK + "\",\"event\":\"ok\"},"
                                + "{\"type\":\"track\",\"userId\":\"" + MARK
                                + "\",\"event\":\"e\",\"properties\":{\"v\":\""
                                + bigValue + "\"}}]}",
                        400, "batch[1]", 1),
                bad("batch over 500 KB", "/v1/batch", hugeBatch.toString(), 400, "body", null),
                new Case("batch over 500 KB once decompressed", "/v1/batch",
                        TrackingApiTest.gzip(hugeBatch.toString()), Map.of("Content-Encoding", "gzip"), 400, "body",
                        null),
                new Case("body claims gzip but is not", "/v1/track",
                        ("{\"userId\":\"" + MARK + "\",\"event\":\"e\"}").getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Encoding", "gzip"), 400, "Content-Encoding", null),
                new Case("unsupported content encoding", "/v1/track",
                        ("{\"userId\":\"" + MARK + "\",\"event\":\"e\"}").getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Encoding", "br"), 415, "Content-Encoding", null),
                new Case("wrong content type", "/v1/track",
                        ("<track userId=\"" + MARK + "\"/>").getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/xml"), 415, "Content-Type", null),
                new Case("CSV content type", "/v1/track",
                        ("userId,event\n" + MARK + ",e").getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/csv"), 415, "Content-Type", null))
                .map(Arguments::of);
    }

    private static Case bad(String name, String path, String body, int status, String field, Integer index) {
        return new Case(name, path, body.getBytes(StandardCharsets.UTF_8), Map.of(), status, field, index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestGetsAProblemNamingTheFieldAndNothingReachesKafka(Case bad) {
        TestSource source = Sources.create("reject");
        String marker = "marker-" + UUID.randomUUID();
        byte[] body = new String(bad.body(), StandardCharsets.ISO_8859_1).contains(MARK)
                ? new String(bad.body(), StandardCharsets.UTF_8).replace(MARK, marker).getBytes(StandardCharsets.UTF_8)
                : bad.body();
        var mark = events.mark();

        RequestSpecification request = given().auth().preemptive().basic(source.writeKey(), "")
                .header("Content-Type", bad.headers().getOrDefault("Content-Type", "application/json"))
                .body(body);
        for (var header : bad.headers().entrySet()) {
            if (!header.getKey().equals("Content-Type")) {
                request.header(header.getKey(), header.getValue());
            }
        }
        var response = request.post(bad.path()).then()
                .statusCode(bad.status())
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(bad.status()))
                .body("type", startsWith("urn:lifecycle:problem:"))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("field", equalTo(bad.field()));
        if (bad.index() != null) {
            response.body("index", equalTo(bad.index())).body("errors[0].index", equalTo(bad.index()));
        }

        assertThat(events.since(mark))
                .as("nothing of a rejected request reaches Kafka")
                .noneMatch(r -> r.value().path("sourceId").asText().equals(source.id())
                        || new String(r.raw(), StandardCharsets.UTF_8).contains(marker));
    }

    @Test
    void problemListsEveryInvalidMessageOfABatch() {
        TestSource source = Sources.create("many-errors");
        given().auth().preemptive().basic(source.writeKey(), "")
                .header("Content-Type", "application/json")
                .body("""
                        {"batch":[{"type":"track","userId":"u"},{"type":"track","userId":"u","event":"ok"},
                                  {"type":"page"},{"type":"alias","userId":"u"}]}""")
                .post("/v1/batch")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("batch[0].event", "batch[2].userId",
                        "batch[3].previousId"))
                .body("detail", containsString("3 problems"));
    }
}
