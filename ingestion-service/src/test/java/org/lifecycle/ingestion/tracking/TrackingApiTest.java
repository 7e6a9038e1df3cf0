package org.lifecycle.ingestion.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Schemas;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.Sources.TestSource;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.support.TopicProbe.Read;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TrackingApiTest {

    private static TopicProbe events;

    @TestHTTPResource("/v1/batch")
    URI batchUri;
    private static JsonSchema schema;

    @BeforeAll
    static void openTopic() {
        events = new TopicProbe(Topics.EVENTS);
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Schemas.text(Topics.EVENTS));
    }

    @AfterAll
    static void closeTopic() {
        events.close();
    }

    @Test
    void everySingleCallLandsOnTheTopicKeyedByTheCustomer() {
        TestSource source = Sources.create("single-calls");
        var mark = events.mark();
        String user = "user-" + UUID.randomUUID();
        post(source, "/v1/identify", """
                {"userId":"%s","traits":{"email":"ada@example.com","name":"Ada"},"messageId":"m-identify"}"""
                .formatted(user));
        post(source, "/v1/track",
                """
                        {"userId":"%s","event":"Product Viewed","properties":{"product_id":"p1","price":12.5},"messageId":"m-track"}"""
                        .formatted(user));
        post(source, "/v1/page",
                """
                        {"anonymousId":"anon-%s","name":"Home","category":"Docs","properties":{"path":"/"},"messageId":"m-page"}"""
                        .formatted(user));
        post(source, "/v1/screen", """
                {"userId":"%s","name":"Cart","messageId":"m-screen"}""".formatted(user));
        post(source, "/v1/group", """
                {"userId":"%s","groupId":"acme","traits":{"plan":"pro"},"messageId":"m-group"}""".formatted(user));
        post(source, "/v1/alias", """
                {"userId":"%s","previousId":"anon-%s","messageId":"m-alias"}""".formatted(user, user));

        List<Read> reads = events.fromSource(mark, source.id());
        assertThat(reads).extracting(r -> r.value().get("type").asText())
                .containsExactlyInAnyOrder("identify", "track", "page", "screen", "group", "alias");
        for (Read read : reads) {
            assertThat(schema.validate(read.value())).as("schema errors of %s", read.value()).isEmpty();
            CustomerEvent event = LifecycleJson.decode(read.raw(), CustomerEvent.class);
            assertThat(read.key()).isEqualTo(event.identityKey());
            assertThat(event.id()).isEqualTo(CustomerEvent.eventId(source.id(), event.messageId()));
            assertThat(event.receivedAt()).isNotNull();
            assertThat(event.sourceId()).isEqualTo(source.id());
        }
        CustomerEvent track = only(reads, "track");
        assertThat(track.event()).isEqualTo("Product Viewed");
        assertThat(track.userId()).isEqualTo(user);
        assertThat(track.properties().get("price").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(only(reads, "identify").traits().get("email").asText()).isEqualTo("ada@example.com");
        CustomerEvent page = only(reads, "page");
        assertThat(page.anonymousId()).isEqualTo("anon-" + user);
        assertThat(page.name()).isEqualTo("Home");
        assertThat(page.category()).isEqualTo("Docs");
        assertThat(only(reads, "group").groupId()).isEqualTo("acme");
        assertThat(only(reads, "alias").previousId()).isEqualTo("anon-" + user);
        assertThat(only(reads, "screen").name()).isEqualTo("Cart");
    }

    @Test
    void gzippedBatchLandsEveryEventWithExactAmounts() throws IOException {
        TestSource source = Sources.create("gzip-batch");
        var mark = events.mark();
        String order = "order-" + UUID.randomUUID();
        String body = """
                {"batch":[
                  {"type":"identify","userId":"u-gz","traits":{"email":"gz@example.com"}},
                  {"type":"track","userId":"u-gz","event":"Order Completed","properties":{"order_id":"%s","revenue":0.1,"currency":"GBP",
                    "products":[{"product_id":"85123A","price":0.1,"quantity":1}]}},
                  {"type":"page","anonymousId":"a-gz","name":"Checkout"}
                ],"context":{"library":{"name":"batch-test","version":"1"}}}"""
                .formatted(order);
        given().auth().preemptive().basic(source.writeKey(), "")
                .contentType(ContentType.JSON)
                .header("Content-Encoding", "gzip")
                .body(gzip(body))
                .post("/v1/batch")
                .then().statusCode(200).body("success", equalTo(true));

        List<Read> reads = events.fromSource(mark, source.id());
        assertThat(reads).hasSize(3);
        CustomerEvent completed = only(reads, "track");
        Order parsed = Order.from(completed.properties());
        assertThat(parsed.orderId()).isEqualTo(order);
        assertThat(completed.properties().get("revenue").toString()).isEqualTo("0.1");
        assertThat(completed.context().get("library").get("name").asText())
                .as("batch-level context applies to every message").isEqualTo("batch-test");
        assertThat(reads).allSatisfy(r -> assertThat(r.value().get("messageId").asText())
                .as("a messageId is assigned when the client sends none").isNotBlank());
    }

    @Test
    void writeKeyInTheBodyAuthenticatesImportCalls() {
        TestSource source = Sources.create("body-key");
        var mark = events.mark();
        given().contentType(ContentType.JSON)
                .body("""
                        {"writeKey":"%s","batch":[{"type":"track","userId":"u-body","event":"Signed Up"}]}"""
                        .formatted(source.writeKey()))
                .post("/v1/import")
                .then().statusCode(200).body("success", equalTo(true));
        assertThat(events.fromSource(mark, source.id())).singleElement()
                .satisfies(r -> assertThat(r.value().get("event").asText()).isEqualTo("Signed Up"));
    }

    @Test
    void clientClockSkewIsCorrectedFromSentAt() {
        TestSource source = Sources.create("skew");
        var mark = events.mark();
        // The client's clock runs one hour ahead: it stamped the event 10 s before sending it.
        Instant clientNow = Instant.now().plus(Duration.ofHours(1));
        Instant before = Instant.now();
        post(source, "/v1/track", """
                {"userId":"u-skew","event":"Clicked","timestamp":"%s","sentAt":"%s"}"""
                .formatted(clientNow.minusSeconds(10), clientNow));
        Instant after = Instant.now();
        CustomerEvent event = LifecycleJson.decode(events.fromSource(mark, source.id()).getFirst().raw(),
                CustomerEvent.class);
        assertThat(event.originalTimestamp())
                .isEqualTo(clientNow.minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(event.occurredAt()).isBetween(before.minusSeconds(11), after.minusSeconds(9));
        assertThat(Duration.between(event.occurredAt(), event.receivedAt())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void historicalTimestampWithoutSentAtIsKeptAsEventTime() {
        TestSource source = Sources.create("historical");
        var mark = events.mark();
        post(source, "/v1/track",
                """
                        {"userId":"u-old","event":"Order Completed","timestamp":"2011-12-09T12:50:00+00:00","properties":{"order_id":"581587"}}""");
        CustomerEvent event = LifecycleJson.decode(events.fromSource(mark, source.id()).getFirst().raw(),
                CustomerEvent.class);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
        assertThat(event.originalTimestamp()).isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
    }

    @Test
    void retriedMessageKeepsItsEventIdSoConsumersDedupe() {
        TestSource source = Sources.create("retry");
        var mark = events.mark();
        String body = """
                {"userId":"u-retry","event":"Signed Up","messageId":"retry-%s"}""".formatted(UUID.randomUUID());
        post(source, "/v1/track", body);
        post(source, "/v1/track", body);
        List<Read> reads = events.fromSource(mark, source.id());
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).value().get("id")).isEqualTo(reads.get(1).value().get("id"));
    }

    @Test
    void numericUserIdIsAcceptedAsText() {
        TestSource source = Sources.create("numeric");
        var mark = events.mark();
        post(source, "/v1/identify", """
                {"userId":17850,"traits":{"country":"United Kingdom"}}""");
        Read read = events.fromSource(mark, source.id()).getFirst();
        assertThat(read.key()).isEqualTo("17850");
        assertThat(read.value().get("userId").asText()).isEqualTo("17850");
    }

    @Test
    void browserSdksMayPostFromAnotherOrigin() {
        given().header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .options("/v1/batch")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example.com");
        TestSource source = Sources.create("browser");
        var mark = events.mark();
        given().header("Origin", "https://shop.example.com")
                .contentType("text/plain;charset=UTF-8")
                .body("""
                        {"writeKey":"%s","batch":[{"type":"page","anonymousId":"a-browser","name":"Home"}]}"""
                        .formatted(source.writeKey()))
                .post("/v1/batch")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example.com");
        assertThat(events.fromSource(mark, source.id())).hasSize(1);
    }

    @Test
    void batchSentWithoutALengthIsReadWholeAndItsSentAtCorrectsEveryMessage() throws Exception {
        TestSource source = Sources.create("chunked");
        var mark = events.mark();
        // The client's clock runs one hour ahead; its two events happened 30 s and 10 s before it sent the batch.
        Instant clientNow = Instant.now().plus(Duration.ofHours(1));
        String body = """
                {"batch":[{"type":"track","userId":"u-chunked","event":"First","timestamp":"%s"},
                          {"type":"track","userId":"u-chunked","event":"Second","timestamp":"%s"}],
                 "sentAt":"%s","padding":"%s"}"""
                .formatted(clientNow.minusSeconds(30), clientNow.minusSeconds(10), clientNow, "x".repeat(200_000));
        // An input stream of unknown length is sent with chunked transfer encoding, no Content-Length.
        var request = HttpRequest.newBuilder(batchUri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((source.writeKey() + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"success\":true}");
        }

        List<CustomerEvent> received = events.fromSource(mark, source.id()).stream()
                .map(r -> LifecycleJson.decode(r.raw(), CustomerEvent.class)).toList();
        assertThat(received).extracting(CustomerEvent::event).containsExactlyInAnyOrder("First", "Second");
        for (CustomerEvent event : received) {
            long secondsBefore = event.event().equals("First") ? 30 : 10;
            assertThat(Duration.between(event.occurredAt(), event.receivedAt()))
                    .isEqualTo(Duration.ofSeconds(secondsBefore));
        }
    }

    @Test
    void bodyOverTheHttpLimitIsRefusedBeforeItIsRead() throws IOException {
        TestSource source = Sources.create("huge");
        var mark = events.mark();
        // Only the headers are sent: a body announced above the limit is answered at once, without waiting for it.
        try (var socket = new Socket(batchUri.getHost(), batchUri.getPort())) {
            socket.setSoTimeout(10_000);
            String credentials = Base64.getEncoder()
                    .encodeToString((source.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Basic " + credentials + "\r\n"
                    + "Content-Length: " + 5 * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(events.fromSource(mark, source.id())).isEmpty();
    }

    private static CustomerEvent only(List<Read> reads, String type) {
        return reads.stream()
                .filter(r -> r.value().get("type").asText().equals(type))
                .map(r -> LifecycleJson.decode(r.raw(), CustomerEvent.class))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + type);
                })
                .orElseThrow(() -> new AssertionError("no " + type + " event"));
    }

    private static void post(TestSource source, String path, String body) {
        given().auth().preemptive().basic(source.writeKey(), "")
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then().statusCode(200).body("success", equalTo(true));
    }

    static byte[] gzip(String body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

}
