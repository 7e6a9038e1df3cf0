package org.lifecycle.campaign.template;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.journey.library.ReadyMadeJourneys;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class TemplateResourceTest {

    private static final String CONTACT = """
            {"customerKey": "%s", "email": "ann@mail.test", "phone": "+15550100", "stage": "at_risk",
             "orders": 1, "revenue": 700, "traits": {"first_name": "Ann"}}""";

    private static String email(String key, String html, String text) {
        return """
                {"key": "%s", "channel": "email", "subject": "Hi {traits.first_name ?: 'there'}",
                 "preheader": "News for {traits.first_name}", "html": %s, "text": %s}"""
                .formatted(key, quote(html), quote(text));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void aTemplateIsCreatedChangedAsNewVersionsAndDeleted() {
        String key = Contacts.unique("spring_sale");
        given().contentType(ContentType.JSON).body(email(key, "<p>v1 <a href=\"https://shop.test/spring\">go</a></p>",
                "v1")).when().post("/api/templates")
                .then().statusCode(201).header("Location", containsString("/api/templates/" + key))
                .body("version", equalTo(1)).body("channel", equalTo("email")).body("createdAt", notNullValue());
        given().contentType(ContentType.JSON).body(email(null, "<p>v2</p>", "v2").replace("\"key\": \"null\", ", ""))
                .when().put("/api/templates/" + key)
                .then().statusCode(200).body("version", equalTo(2)).body("html", equalTo("<p>v2</p>"));

        given().when().get("/api/templates/" + key).then().statusCode(200).body("version", equalTo(2));
        given().when().get("/api/templates/" + key + "/versions").then().statusCode(200)
                .body("version", contains(2, 1));
        given().when().get("/api/templates/" + key + "/versions/1").then().statusCode(200)
                .body("text", equalTo("v1"));
        given().when().get("/api/templates").then().statusCode(200).body("key", hasItem(key));

        given().when().delete("/api/templates/" + key).then().statusCode(204);
        given().when().get("/api/templates/" + key).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().delete("/api/templates/" + key).then().statusCode(404);
    }

    @Test
    void aTakenKeyIsAConflictAndAChannelCannotChange() {
        String key = Contacts.unique("taken");
        given().contentType(ContentType.JSON).body(email(key, "<p>x</p>", "x")).when().post("/api/templates")
                .then().statusCode(201);

        given().contentType(ContentType.JSON).body(email(key, "<p>y</p>", "y")).when().post("/api/templates")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"channel\": \"sms\", \"body\": \"hi\"}")
                .when().put("/api/templates/" + key)
                .then().statusCode(400).body("field", equalTo("channel"));
        given().when().get("/api/templates/" + key).then().body("version", equalTo(1));
    }

    @Test
    void aSyntaxErrorIsA400NamingTheFieldLineAndColumnAndNothingIsStored() {
        String key = Contacts.unique("broken");

        given().contentType(ContentType.JSON)
                .body(email(key, "<p>Hello</p>\n<p>{#for p in recommendations}{p.id}</p>", "fine"))
                .when().post("/api/templates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("html"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("html"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].column", notNullValue())
                .body("errors[0].detail", startsWith("html line 2"));

        given().when().get("/api/templates/" + key).then().statusCode(404);
    }

    @Test
    void anUnknownDataNameIsA400NamingTheFieldAndAnUpdateWithOneStoresNothing() {
        String key = Contacts.unique("names");
        given().contentType(ContentType.JSON).body(email(key, "<p>ok</p>", "ok")).when().post("/api/templates")
                .then().statusCode(201);

        given().contentType(ContentType.JSON).body(email(key, "<p>ok</p>", "Dear {customer.first_name}"))
                .when().put("/api/templates/" + key)
                .then().statusCode(400)
                .body("field", equalTo("text"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].column", equalTo(6))
                .body("errors[0].detail", containsString("unknown name customer"));

        given().when().get("/api/templates/" + key + "/versions").then().body("version", contains(1));
    }

    @Test
    void badRequestsNameTheirField() {
        given().contentType(ContentType.JSON).body("{\"key\": \"x1\", \"channel\": \"fax\", \"body\": \"hi\"}")
                .when().post("/api/templates").then().statusCode(400).body("field", equalTo("channel"));
        given().contentType(ContentType.JSON).body("{\"key\": \"no spaces\", \"channel\": \"sms\", \"body\": \"hi\"}")
                .when().post("/api/templates").then().statusCode(400).body("field", equalTo("key"));
        given().contentType(ContentType.JSON).body("{\"key\": \"x2\", \"channel\": \"sms\"}")
                .when().post("/api/templates").then().statusCode(400).body("field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"contact\": {}}")
                .when().post("/api/templates/win_back_offer/preview").then().statusCode(400)
                .body("field", equalTo("customerKey"));
        given().contentType(ContentType.JSON).body("{\"contact\": {\"customerKey\": \"c\"}}")
                .when().post("/api/templates/no_such_template/preview").then().statusCode(404);
    }

    @Test
    void aPreviewRendersTheTemplateForTheGivenContact() {
        String key = Contacts.unique("preview");
        given().contentType(ContentType.JSON).body(email(key,
                "<body><p>{traits.first_name}: {offer.percentOff}% off</p><a href=\"https://shop.test/x\">x</a>"
                        + "{#for r in recommendations} {r.id}{/for}</body>",
                "{traits.first_name}: {offer.percentOff}% off {links.unsubscribe}"))
                .when().post("/api/templates").then().statusCode(201);

        JsonPath preview = given().contentType(ContentType.JSON).body("""
                {"contact": %s, "offer": "win_back", "recommendations": ["sku-1", "sku-2"]}"""
                .formatted(CONTACT.formatted("user-preview")))
                .when().post("/api/templates/" + key + "/preview")
                .then().statusCode(200)
                .body("key", equalTo(key)).body("version", equalTo(1))
                .body("subject", equalTo("Hi Ann"))
                .body("preheader", equalTo("News for Ann"))
                .extract().jsonPath();

        assertThat(preview.getString("html")).contains("<p>Ann: 25% off</p>").contains(" sku-1 sku-2")
                .contains("href=\"https://t.shop.test/t/c/").doesNotContain("href=\"https://shop.test/x\"")
                .contains("<img src=\"https://t.shop.test/t/o/").contains(">News for Ann</div>");
        assertThat(preview.getString("text")).startsWith("Ann: 25% off https://t.shop.test/t/u/");
    }

    @Test
    void everyTemplateTheReadyMadeJourneysSendExistsAndRenders() {
        List<Step.Send> sends = new ArrayList<>();
        for (String journey : ReadyMadeJourneys.KEYS) {
            collect(ReadyMadeJourneys.definition(journey).steps(), sends);
        }
        assertThat(sends).hasSizeGreaterThanOrEqualTo(25);

        for (Step.Send send : sends) {
            String channel = send.channel().wireName();
            JsonPath rendered = given().contentType(ContentType.JSON)
                    .body("""
                            {"contact": %s, "offer": %s, "recommendations": ["sku-1", "sku-2", "sku-3"],
                             "trigger": {"order_id": "o-1", "products": [{"product_id": "p-1", "name": "Mug", "quantity": 2}]}}"""
                            .formatted(CONTACT.formatted("user-library"),
                                    send.offer() == null ? "null" : "\"win_back\""))
                    .when().post("/api/templates/" + send.template() + "/preview")
                    .then().statusCode(200).body("channel", equalTo(channel))
                    .body(not(containsString("NOT_FOUND")))
                    .extract().jsonPath();
            if (channel.equals("email")) {
                assertThat(rendered.getString("subject")).as(send.template()).isNotBlank();
                assertThat(rendered.getString("html")).as(send.template()).contains("Test Shop")
                        .contains("https://t.shop.test/t/u/").contains("https://t.shop.test/t/o/");
                assertThat(rendered.getString("text")).as(send.template()).contains("Ann")
                        .contains("https://t.shop.test/t/u/");
            } else if (channel.equals("webhook")) {
                assertThat((Object) rendered.get("payload")).as(send.template()).isNotNull();
            } else {
                assertThat(rendered.getString("body")).as(send.template()).isNotBlank();
            }
        }
    }

    private static void collect(List<Step> steps, List<Step.Send> sends) {
        for (Step step : steps) {
            if (step instanceof Step.Send send) {
                sends.add(send);
            }
            step.children().forEach(children -> collect(children, sends));
        }
    }
}
