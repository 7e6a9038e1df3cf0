package org.lifecycle.ingestion.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.signal.SurveyLinks;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.Sources.TestSource;
import org.lifecycle.ingestion.support.TopicProbe;
import org.lifecycle.ingestion.webhook.service.Signatures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A Typeform answer that came through a personal survey link (made by {@link SurveyLinks#link}, the code
 * campaign-service's survey step uses) is the named customer's when the link's signature verifies with the survey link
 * key; a forged or altered link is flagged {@code link_verified: false} and attributed to the response alone, never to
 * the customer it names. Hidden fields that name a customer with no signature at all are treated like a forged link
 * when the endpoint requires signed links (its default), and trusted only on an endpoint that opted out.
 */
@QuarkusTest
@TestProfile(SurveyLinkAnswersTest.WithLinkKey.class)
class SurveyLinkAnswersTest {

    static final String LINK_KEY = "survey-link-key-for-the-ingestion-tests-0123456789";

    public static class WithLinkKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifecycle.survey.link-keys", "an-older-survey-link-key-still-verifying," + LINK_KEY);
        }
    }

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
    void anAnswerThroughASignedLinkIsTheNamedCustomers() {
        String customer = "c-" + UUID.randomUUID();
        String link = SurveyLinks.link(URI.create("https://acme.typeform.com/to/lT4Z3j"),
                new SurveyLinks.Claim(customer, "post_purchase_nps", "post_purchase_survey", "ask-nps"), LINK_KEY);
        ObjectNode hidden = hiddenFieldsOf(link);
        // An unsigned field the form also carries names nobody.
        hidden.put("email", "someone.else@example.com");

        JsonNode event = deliver(Sources.create("typeform-link"), hidden, 2);

        assertThat(event.get("userId").asText()).isEqualTo(customer);
        assertThat(event.has("anonymousId")).isFalse();
        assertThat(event.has("context") && event.get("context").has("traits")).isFalse();
        JsonNode properties = event.get("properties");
        assertThat(properties.get("link_verified").asBoolean()).isTrue();
        assertThat(properties.get("survey_key").asText()).isEqualTo("post_purchase_nps");
        assertThat(properties.get("journey_id").asText()).isEqualTo("post_purchase_survey");
        assertThat(properties.get("step_id").asText()).isEqualTo("ask-nps");
        assertThat(properties.get("nps_category").asText()).isEqualTo("detractor");
    }

    @Test
    void aForgedLinkIsFlaggedAndNotAttributedToTheCustomerItNames() {
        String victim = "c-" + UUID.randomUUID();
        String attacker = "c-" + UUID.randomUUID();
        String attackersLink = SurveyLinks.link(URI.create("https://acme.typeform.com/to/lT4Z3j"),
                new SurveyLinks.Claim(attacker, "post_purchase_nps", "post_purchase_survey", "ask-nps"), LINK_KEY);
        ObjectNode altered = hiddenFieldsOf(attackersLink).put(SurveyLinks.USER_ID, victim);
        ObjectNode madeUp = hiddenFieldsOf(attackersLink).put(SurveyLinks.USER_ID, victim)
                .put(SurveyLinks.SIGNATURE, SurveyLinks.sign("a-key-the-shop-never-had-0123456789abcdef",
                        new SurveyLinks.Claim(victim, "post_purchase_nps", "post_purchase_survey", "ask-nps")));
        TestSource source = Sources.create("typeform-forged");

        for (ObjectNode hidden : List.of(altered, madeUp)) {
            String token = "resp-" + UUID.randomUUID();
            JsonNode event = deliver(source, hidden, 0, token);

            assertThat(event.has("userId")).isFalse();
            assertThat(event.get("anonymousId").asText()).isEqualTo("typeform:" + token);
            assertThat(event.toString()).doesNotContain(victim);
            JsonNode properties = event.get("properties");
            assertThat(properties.get("link_verified").asBoolean()).isFalse();
            assertThat(properties.has("survey_key")).isFalse();
            assertThat(properties.get("nps_score").asInt()).isZero();
        }
    }

    @Test
    void anUnsignedAnswerNamingACustomerIsFlaggedWhenTheEndpointRequiresSignedLinks() {
        String victim = "c-" + UUID.randomUUID();
        String link = SurveyLinks.link(URI.create("https://acme.typeform.com/to/lT4Z3j"),
                new SurveyLinks.Claim(victim, "post_purchase_nps", "post_purchase_survey", "ask-nps"), LINK_KEY);
        ObjectNode signatureDropped = hiddenFieldsOf(link);
        signatureDropped.remove(SurveyLinks.SIGNATURE);
        ObjectNode emailOnly = LifecycleJson.mapper().createObjectNode().put("email", victim + "@example.com");
        // Required by default: a new endpoint has it on without being told.
        TestSource source = Sources.create("typeform-unsigned");
        JsonNode endpoint = createEndpoint(source, "{\"kind\":\"typeform\"}");
        assertThat(endpoint.at("/settings/requireSignedLinks").asBoolean()).isTrue();

        for (ObjectNode hidden : List.of(signatureDropped, emailOnly)) {
            String token = "resp-" + UUID.randomUUID();
            JsonNode event = deliver(source, endpoint, hidden, 0, token);

            assertThat(event.has("userId")).isFalse();
            assertThat(event.get("anonymousId").asText()).isEqualTo("typeform:" + token);
            assertThat(event.toString()).doesNotContain(victim);
            JsonNode properties = event.get("properties");
            assertThat(properties.get("link_verified").asBoolean()).isFalse();
            assertThat(properties.has("survey_key")).isFalse();
            assertThat(properties.get("nps_score").asInt()).isZero();
        }
    }

    @Test
    void aSignedLinkStillNamesTheCustomerWhenSignedLinksAreRequired() {
        String customer = "c-" + UUID.randomUUID();
        String link = SurveyLinks.link(URI.create("https://acme.typeform.com/to/lT4Z3j"),
                new SurveyLinks.Claim(customer, "post_purchase_nps", "post_purchase_survey", "ask-nps"), LINK_KEY);
        TestSource source = Sources.create("typeform-required");
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"typeform\",\"settings\":{\"requireSignedLinks\":true}}");

        JsonNode event = deliver(source, endpoint, hiddenFieldsOf(link), 9, "resp-" + UUID.randomUUID());

        assertThat(event.get("userId").asText()).isEqualTo(customer);
        assertThat(event.at("/properties/link_verified").asBoolean()).isTrue();
        assertThat(event.at("/properties/journey_id").asText()).isEqualTo("post_purchase_survey");
    }

    @Test
    void anEndpointForTheShopsOwnEmbeddedFormMayTakeUnsignedCustomerIds() {
        String customer = "c-" + UUID.randomUUID();
        TestSource source = Sources.create("typeform-embedded");
        JsonNode endpoint = createEndpoint(source,
                "{\"kind\":\"typeform\",\"settings\":{\"requireSignedLinks\":false}}");
        String token = "resp-" + UUID.randomUUID();

        JsonNode event = deliver(source, endpoint,
                LifecycleJson.mapper().createObjectNode().put(SurveyLinks.USER_ID, customer), 10, token);

        assertThat(event.get("userId").asText()).isEqualTo(customer);
        assertThat(event.has("anonymousId")).isFalse();
        assertThat(event.get("properties").has("link_verified")).isFalse();
        assertThat(event.at("/properties/nps_category").asText()).isEqualTo("promoter");
    }

    @Test
    void aRequireSignedLinksThatIsNotABooleanIsRefusedNamingTheSetting() {
        TestSource source = Sources.create("typeform-bad-setting");
        for (String value : List.of("\"true\"", "1", "[true]")) {
            given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"typeform\",\"settings\":{\"requireSignedLinks\":" + value + "}}")
                    .post("/admin/sources/" + source.id() + "/webhooks").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("settings.requireSignedLinks"));
        }
        given().auth().oauth2(Sources.ADMIN_TOKEN).get("/admin/sources/" + source.id() + "/webhooks").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    private static ObjectNode hiddenFieldsOf(String link) {
        ObjectNode hidden = LifecycleJson.mapper().createObjectNode();
        SurveyLinks.hiddenFields(link).forEach(hidden::put);
        return hidden;
    }

    private static JsonNode deliver(TestSource source, ObjectNode hidden, int nps) {
        return deliver(source, hidden, nps, "resp-" + UUID.randomUUID());
    }

    /** Posts a signed Typeform delivery of an NPS answer with the hidden fields; returns the event read back. */
    private static JsonNode deliver(TestSource source, ObjectNode hidden, int nps, String token) {
        return deliver(source, createEndpoint(source, "{\"kind\":\"typeform\"}"), hidden, nps, token);
    }

    private static JsonNode createEndpoint(TestSource source, String definition) {
        return given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body(definition)
                .post("/admin/sources/" + source.id() + "/webhooks").then().statusCode(201).extract()
                .as(JsonNode.class);
    }

    private static JsonNode deliver(TestSource source, JsonNode endpoint, ObjectNode hidden, int nps, String token) {
        byte[] body = """
                {"event_id":"01J%s","event_type":"form_response","form_response":{
                  "form_id":"lT4Z3j","token":"%s","submitted_at":"2026-11-30T10:15:00Z","hidden":%s,
                  "definition":{"id":"lT4Z3j","title":"After your order","fields":[]},
                  "answers":[{"type":"number","number":%d,"field":{"id":"f1","type":"nps","ref":"nps"}}]}}"""
                .formatted(token.substring(5, 13), token, hidden, nps).getBytes(StandardCharsets.UTF_8);
        var mark = events.mark();
        given().contentType(ContentType.JSON)
                .header("Typeform-Signature", Signatures.typeform(endpoint.get("secret").asText(), body))
                .body(body).post(endpoint.get("path").asText()).then().statusCode(200);
        List<TopicProbe.Read> reads = events.fromSource(mark, source.id());
        assertThat(reads).hasSize(1);
        return reads.getFirst().value();
    }
}
