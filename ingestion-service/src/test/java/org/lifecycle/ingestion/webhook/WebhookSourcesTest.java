package org.lifecycle.ingestion.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.Sources.TestSource;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.support.TopicProbe.Read;
import org.lifecycle.ingestion.webhook.service.Signatures;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Typeform and Zendesk post to a source through signed webhooks: each authentic delivery is read back from the topic
 * as the mapped event; a forged, stale or unknown delivery is refused and puts nothing on the topic.
 */
@QuarkusTest
class WebhookSourcesTest {

    private static final String ZENDESK_SECRET = "dGhpcy1pcy1hLXplbmRlc2stc2lnbmluZy1zZWNyZXQ";

    private static TopicProbe events;

    @BeforeAll
    static void openTopic() {
        events = new TopicProbe(Topics.EVENTS);
    }

    @AfterAll
    static void closeTopic() {
        events.close();
    }

    @Test
    void aSignedTypeformResponseBecomesSurveyRespondedWithTheNpsScore() {
        TestSource source = Sources.create("typeform");
        // A form embedded on the shop's own site passes the signed-in customer's id unsigned.
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"typeform\",\"settings\":{\"requireSignedLinks\":false}}").extract().as(JsonNode.class);
        String secret = endpoint.get("secret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        String token = "resp-" + UUID.randomUUID();
        byte[] body = typeformResponse(token, "{\"user_id\":\"17850\"}", 9).getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();

        given().contentType(ContentType.JSON).header("Typeform-Signature", Signatures.typeform(secret, body))
                .body(body).post(endpoint.get("path").asText())
                .then().statusCode(200).body("success", equalTo(true));

        List<Read> reads = events.fromSource(mark, source.id());
        assertThat(reads).hasSize(1);
        JsonNode event = reads.getFirst().value();
        assertThat(event.get("type").asText()).isEqualTo("track");
        assertThat(event.get("event").asText()).isEqualTo("Survey Responded");
        assertThat(event.get("userId").asText()).isEqualTo("17850");
        assertThat(event.get("messageId").asText()).isEqualTo("typeform-" + token);
        assertThat(Instant.parse(event.get("occurredAt").asText())).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));
        JsonNode properties = event.get("properties");
        assertThat(properties.get("survey_id").asText()).isEqualTo("lT4Z3j");
        assertThat(properties.get("survey_title").asText()).isEqualTo("After your order");
        assertThat(properties.get("nps_score").asInt()).isEqualTo(9);
        assertThat(properties.get("nps_category").asText()).isEqualTo("promoter");
        assertThat(properties.get("csat_score").asInt()).isEqualTo(4);
        assertThat(properties.get("score").asInt()).isEqualTo(13);
        assertThat(properties.get("signal_source").asText()).isEqualTo("typeform");
        JsonNode answers = properties.get("answers");
        assertThat(answers.get("nps").asInt()).isEqualTo(9);
        assertThat(answers.get("what_could_improve").asText()).isEqualTo("Faster \"delivery\", please");
        assertThat(answers.get("favourite_category").asText()).isEqualTo("Candles");
        assertThat(answers.get("channels")).extracting(JsonNode::asText).containsExactly("Email", "SMS");
        assertThat(answers.get("would_buy_again").asBoolean()).isTrue();
    }

    @Test
    void aDetractorWhoGaveOnlyAnEmailIsNamedByTheAddress() {
        TestSource source = Sources.create("typeform-email");
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"typeform\",\"secret\":\"our-own-typeform-secret-42\","
                        + "\"settings\":{\"requireSignedLinks\":false}}")
                .extract().as(JsonNode.class);
        byte[] body = typeformResponse("resp-" + UUID.randomUUID(), "{\"email\":\"Ada@Example.com\"}", 3)
                .getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();

        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform("our-own-typeform-secret-42", body))
                .body(body).post(endpoint.get("path").asText()).then().statusCode(200);

        JsonNode event = events.fromSource(mark, source.id()).getFirst().value();
        assertThat(event.has("userId")).isFalse();
        assertThat(event.get("anonymousId").asText()).isEqualTo("email:ada@example.com");
        assertThat(event.at("/context/traits/email").asText()).isEqualTo("Ada@Example.com");
        assertThat(event.at("/properties/nps_category").asText()).isEqualTo("detractor");
    }

    @Test
    void aForgedOrUnsignedTypeformDeliveryIsRefusedAndNothingReachesKafka() {
        TestSource source = Sources.create("typeform-forged");
        JsonNode endpoint = createEndpoint(source, "{\"kind\":\"typeform\"}").extract().as(JsonNode.class);
        String path = endpoint.get("path").asText();
        byte[] body = typeformResponse("resp-" + UUID.randomUUID(), "{\"user_id\":\"u1\"}", 10)
                .getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();

        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform("a-guessed-secret-of-an-attacker", body))
                .body(body).post(path)
                .then().statusCode(401).contentType("application/problem+json")
                .body("errors.field", hasItem("Typeform-Signature"));
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"number\":10", "\"number\":0")
                .getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(tampered).post(path).then().statusCode(401);
        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(body).post("/v1/webhooks/typeform/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(body).post("/v1/webhooks/typeform/not-an-id").then().statusCode(401);

        given().auth().oauth2(Sources.ADMIN_TOKEN)
                .delete("/admin/sources/" + source.id() + "/webhooks/" + endpoint.get("id").asText())
                .then().statusCode(204);
        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(body).post(path).then().statusCode(401);

        assertThat(events.fromSource(mark, source.id())).isEmpty();
    }

    @Test
    void aResponseThatNamesNoCustomerIsRefusedNamingTheHiddenFields() {
        TestSource source = Sources.create("typeform-anonymous");
        JsonNode endpoint = createEndpoint(source, "{\"kind\":\"typeform\"}").extract().as(JsonNode.class);
        byte[] body = typeformResponse("resp-" + UUID.randomUUID(), "{}", 8).getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();

        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(body).post(endpoint.get("path").asText())
                .then().statusCode(400).body("errors.field", hasItem("form_response.hidden"));

        assertThat(events.fromSource(mark, source.id())).isEmpty();
    }

    @Test
    void zendeskTicketNotificationsBecomeTicketEvents() {
        TestSource source = Sources.create("zendesk");
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"zendesk\",\"secret\":\"" + ZENDESK_SECRET + "\"}").extract().as(JsonNode.class);
        assertThat(endpoint.has("secret")).isTrue();
        String path = endpoint.get("path").asText();
        var mark = events.mark();

        postZendesk(path, zendeskTicket("ticket_created", "4711", "2026-12-01T09:00:00Z", "open", null))
                .statusCode(200);
        postZendesk(path, zendeskTicket("ticket_solved", "4711", "2026-12-01T15:30:00Z", "solved", null))
                .statusCode(200);
        postZendesk(path, zendeskTicket("satisfaction_rated", "4711", "2026-12-02T08:00:00Z", "solved", "good"))
                .statusCode(200);

        List<JsonNode> read = events.fromSource(mark, source.id()).stream().map(Read::value).toList();
        assertThat(read).extracting(e -> e.get("event").asText())
                .containsExactly("Ticket Created", "Ticket Solved", "Satisfaction Rated");
        assertThat(read).allSatisfy(e -> {
            assertThat(e.get("userId").asText()).isEqualTo("17850");
            assertThat(e.at("/properties/ticket_id").asText()).isEqualTo("4711");
            assertThat(e.at("/properties/subject").asText()).isEqualTo("Parcel arrived broken");
            assertThat(e.at("/context/traits/email").asText()).isEqualTo("ada@example.com");
        });
        assertThat(Instant.parse(read.get(1).get("occurredAt").asText()))
                .isEqualTo(Instant.parse("2026-12-01T15:30:00Z"));
        assertThat(read.get(1).at("/properties/status").asText()).isEqualTo("solved");
        assertThat(read.get(2).at("/properties/satisfaction_score").asText()).isEqualTo("good");
        assertThat(read.get(2).at("/properties/satisfied").asBoolean()).isTrue();
        assertThat(read.get(2).at("/properties/satisfaction_comment").asText()).isEqualTo("Quick and kind");
        assertThat(read).extracting(e -> e.get("messageId").asText()).doesNotHaveDuplicates();
    }

    @Test
    void aZendeskBodyOfAnotherShapeIsReadThroughConfiguredPaths() {
        TestSource source = Sources.create("zendesk-paths");
        JsonNode endpoint = createEndpoint(source, """
                {"kind":"zendesk","secret":"%s","settings":{
                  "paths":{"event":"/type","ticketId":"/detail/id","userId":"/detail/requester/external_id",
                           "email":"/detail/requester/email","occurredAt":"/time","subject":"/detail/subject"},
                  "events":{"zen:event-type:ticket.created":"Ticket Created"}}}""".formatted(ZENDESK_SECRET))
                .extract().as(JsonNode.class);
        assertThat(endpoint.at("/settings/paths/ticketId").asText()).isEqualTo("/detail/id");
        var mark = events.mark();

        postZendesk(endpoint.get("path").asText(),
                """
                        {"type":"zen:event-type:ticket.created","time":"2026-12-03T11:00:00Z",
                         "detail":{"id":99,"subject":"Where is my order?","requester":{"external_id":"u-42","email":"bo@example.com"}}}""")
                .statusCode(200);

        JsonNode event = events.fromSource(mark, source.id()).getFirst().value();
        assertThat(event.get("event").asText()).isEqualTo("Ticket Created");
        assertThat(event.get("userId").asText()).isEqualTo("u-42");
        assertThat(event.at("/properties/ticket_id").asText()).isEqualTo("99");
        assertThat(event.at("/properties/subject").asText()).isEqualTo("Where is my order?");
    }

    @Test
    void aStaleOrForgedZendeskDeliveryIsRefused() {
        TestSource source = Sources.create("zendesk-forged");
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"zendesk\",\"secret\":\"" + ZENDESK_SECRET + "\"}").extract().as(JsonNode.class);
        String path = endpoint.get("path").asText();
        byte[] body = zendeskTicket("ticket_created", "1", "2026-12-01T09:00:00Z", "new", null)
                .getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();

        String stale = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        given().contentType(ContentType.JSON).header("X-Zendesk-Webhook-Signature-Timestamp", stale)
                .header("X-Zendesk-Webhook-Signature", Signatures.zendesk(ZENDESK_SECRET, stale, body))
                .body(body).post(path)
                .then().statusCode(401).body("errors.field", hasItem("X-Zendesk-Webhook-Signature-Timestamp"));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        given().contentType(ContentType.JSON).header("X-Zendesk-Webhook-Signature-Timestamp", now)
                .header("X-Zendesk-Webhook-Signature", Signatures.zendesk("another-secret-entirely-123", now, body))
                .body(body).post(path)
                .then().statusCode(401).body("errors.field", hasItem("X-Zendesk-Webhook-Signature"));
        given().contentType(ContentType.JSON)
                .header("X-Zendesk-Webhook-Signature", Signatures.zendesk(ZENDESK_SECRET, now, body))
                .body(body).post(path).then().statusCode(401);

        assertThat(events.fromSource(mark, source.id())).isEmpty();
    }

    @Test
    void invalidEndpointDefinitionsAreRefusedNamingTheFieldAndCreateNothing() {
        TestSource source = Sources.create("webhook-invalid");
        createEndpoint(source, "{\"kind\":\"zendesk\",\"secret\":\"" + ZENDESK_SECRET
                + "\",\"settings\":{\"paths\":{\"userId\":\"requester.id\"}}}")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("settings.paths.userId"));
        createEndpoint(source, "{\"kind\":\"zendesk\"}").statusCode(400).body("errors.field", hasItem("secret"));
        createEndpoint(source, "{\"kind\":\"typeform\",\"settings\":{\"npsRef\":[\"x\"]}}")
                .statusCode(400).body("errors.field", hasItem("settings.npsRef"));
        createEndpoint(source, "{\"kind\":\"typeform\",\"settings\":{\"requireSignedLinks\":\"yes\"}}")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("settings.requireSignedLinks"));
        createEndpoint(source, "{\"kind\":\"survey-monkey\"}").statusCode(400).body("errors.field",
                hasItem("kind"));
        createEndpoint(source, "{\"kind\":\"typeform\",\"secret\":\"short\"}").statusCode(400)
                .body("errors.field", hasItem("secret"));
        given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"kind\":\"typeform\"}")
                .post("/admin/sources/" + UUID.randomUUID() + "/webhooks").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"kind\":\"typeform\"}")
                .post("/admin/sources/" + source.id() + "/webhooks").then().statusCode(401);

        given().auth().oauth2(Sources.ADMIN_TOKEN).get("/admin/sources/" + source.id() + "/webhooks")
                .then().statusCode(200).body("size()", equalTo(0));
        createEndpoint(source, "{\"kind\":\"typeform\"}").statusCode(201);
        given().auth().oauth2(Sources.ADMIN_TOKEN).get("/admin/sources/" + source.id() + "/webhooks")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].secret", nullValue())
                .body("[0].kind", equalTo("typeform"));
    }

    private static ValidatableResponse createEndpoint(TestSource source, String json) {
        return given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body(json)
                .post("/admin/sources/" + source.id() + "/webhooks").then();
    }

    private static ValidatableResponse postZendesk(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return given().contentType(ContentType.JSON).header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Signature", Signatures.zendesk(ZENDESK_SECRET, timestamp, body))
                .body(body).post(path).then();
    }

    /** A form_response as Typeform posts it, with an NPS question, a CSAT rating and other answer types. */
    private static String typeformResponse(String token, String hidden, int nps) {
        return """
                {"event_id":"01J%s","event_type":"form_response","form_response":{
                  "form_id":"lT4Z3j","token":"%s","landed_at":"2026-11-30T10:12:00Z","submitted_at":"2026-11-30T10:15:00Z",
                  "hidden":%s,
                  "calculated":{"score":13},
                  "definition":{"id":"lT4Z3j","title":"After your order","fields":[]},
                  "answers":[
                    {"type":"number","number":%d,"field":{"id":"f1","type":"nps","ref":"nps"}},
                    {"type":"number","number":4,"field":{"id":"f2","type":"rating","ref":"csat"}},
                    {"type":"text","text":"Faster \\"delivery\\", please","field":{"id":"f3","type":"long_text","ref":"what_could_improve"}},
                    {"type":"choice","choice":{"label":"Candles"},"field":{"id":"f4","type":"multiple_choice","ref":"favourite_category"}},
                    {"type":"choices","choices":{"labels":["Email","SMS"]},"field":{"id":"f5","type":"multiple_choice","ref":"channels"}},
                    {"type":"boolean","boolean":true,"field":{"id":"f6","type":"yes_no","ref":"would_buy_again"}}
                  ]}}"""
                .formatted(token.substring(0, 8), token, hidden, nps);
    }

    private static String zendeskTicket(String event, String ticket, String at, String status, String rating) {
        String satisfaction = rating == null
                ? "null"
                : "{\"score\":\"" + rating + "\",\"comment\":\"Quick and kind\"}";
        return """
                {"event":"%s","ticket":{"id":"%s","subject":"Parcel arrived broken","status":"%s","priority":"high",
                 "updated_at":"%s","satisfaction":%s},
                 "requester":{"external_id":"17850","email":"ada@example.com","name":"Ada"}}"""
                .formatted(event, ticket, status, at, satisfaction);
    }
}
