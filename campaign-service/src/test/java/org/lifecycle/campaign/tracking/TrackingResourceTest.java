package org.lifecycle.campaign.tracking;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.TopicReader;
import org.lifecycle.campaign.support.TopicReader.Read;
import org.lifecycle.contracts.Schemas;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Tracking links as recipients use them, and the events they put on lifecycle.events. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class TrackingResourceTest {

    private static final String BASE = "https://t.shop.test";
    private static final JsonSchema EVENTS_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(Schemas.text(Topics.EVENTS), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                    .build());

    @Inject
    TrackingLinks links;

    @Inject
    Pool pool;

    private static MessageRef message(String customer) {
        return new MessageRef(Contacts.unique("msg"), customer, Channel.EMAIL, "win_back_at_risk", "offer", false);
    }

    private static String path(String link) {
        assertThat(link).startsWith(BASE + "/t/");
        return link.substring(BASE.length());
    }

    /** The customer's events of a name, once there are {@code count}; each conforms to the topic's schema. */
    private static List<Read> events(String customer, String name, int count) {
        List<Read> events = TopicReader.awaitRecords(Topics.EVENTS, count,
                read -> customer.equals(read.key()) && name.equals(read.value().path("event").asText()));
        events.forEach(event -> assertThat(EVENTS_SCHEMA.validate(event.value())).as(event.value().toString())
                .isEmpty());
        return events;
    }

    @Test
    void theOpenPixelIsAGifAndEmitsEmailOpenedOncePerMessage() {
        String customer = Contacts.unique("ann");
        MessageRef message = message(customer);

        byte[] gif = given().when().get(path(links.openPixel(message)))
                .then().statusCode(200).contentType("image/gif").header("Cache-Control", containsString("no-store"))
                .extract().asByteArray();
        given().when().get(path(links.openPixel(message))).then().statusCode(200);
        // a later hit of another kind marks the point by which a second open would have been published
        given().redirects().follow(false).when().get(path(links.click(message, "https://shop.test/marker")))
                .then().statusCode(302);

        assertThat(new String(gif, 0, 6)).isEqualTo("GIF89a");
        events(customer, "Email Link Clicked", 1);
        List<Read> opens = TopicReader.now(Topics.EVENTS,
                read -> customer.equals(read.key()) && "Email Opened".equals(read.value().path("event").asText()));
        assertThat(opens).hasSize(1);
        JsonNode open = opens.getFirst().value();
        assertThat(open.path("type").asText()).isEqualTo("track");
        assertThat(open.path("userId").asText()).isEqualTo(customer);
        assertThat(open.path("properties").path("email_id").asText()).isEqualTo(message.messageId());
        assertThat(open.path("properties").path("journey_id").asText()).isEqualTo("win_back_at_risk");
        assertThat(open.path("properties").path("step_id").asText()).isEqualTo("offer");
        assertThat(open.path("properties").path("channel").asText()).isEqualTo("email");
    }

    @Test
    void aClickRedirectsToTheBoundUrlAndEmitsEmailLinkClickedWithIt() {
        String customer = Contacts.unique("ann");
        String url = "https://shop.test/sale?utm_source=lifecycle&x=1";

        given().redirects().follow(false).when()
                .get(path(links.click(message(customer), url)) + "?url=https://evil.test")
                .then().statusCode(302).header("Location", url).header("Referrer-Policy", "no-referrer");

        JsonNode click = events(customer, "Email Link Clicked", 1).getFirst().value();
        assertThat(click.path("properties").path("link_url").asText()).isEqualTo(url);
    }

    @Test
    void aTamperedOrForeignTokenRedirectsNowhereAndSaysNothing() {
        String customer = Contacts.unique("ann");
        MessageRef message = message(customer);
        String click = path(links.click(message, "https://shop.test/a"));
        String tampered = click.substring(0, click.length() - 3) + (click.endsWith("AAA") ? "BBB" : "AAA");

        for (String bad : List.of(tampered, "/t/c/" + "eyJ2IjoxfQ", path(links.openPixel(message)).replace("/t/o/",
                "/t/c/"), "/t/c/" + path(links.unsubscribe(message)).substring(5))) {
            given().redirects().follow(false).when().get(bad)
                    .then().statusCode(404).header("Location", nullValue())
                    .contentType("application/problem+json").body("detail", equalTo("No such link"));
        }
        given().when().post(tampered.replace("/t/c/", "/t/u/")).then().statusCode(404);
        assertThat(TopicReader.now(Topics.EVENTS, read -> customer.equals(read.key()))).isEmpty();
    }

    @Test
    void theUnsubscribeLinkWithdrawsConsentAndEmitsUnsubscribedInOneTransaction() {
        String customer = Contacts.unique("ann");
        MessageRef message = message(customer);

        given().when().get(path(links.unsubscribe(message)))
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("You are unsubscribed")).body(containsString("no more email messages"));

        JsonNode event = events(customer, "Unsubscribed", 1).getFirst().value();
        assertThat(event.path("properties").path("channel").asText()).isEqualTo("email");
        assertThat(event.path("properties").path("email_id").asText()).isEqualTo(message.messageId());
        assertThat(consentChanges(customer)).singleElement().satisfies(row -> {
            assertThat(row.getString("channel")).isEqualTo("email");
            assertThat(row.getBoolean("consent")).isFalse();
            assertThat(row.getString("message_id")).isEqualTo(message.messageId());
            assertThat(row.getString("event_id")).isEqualTo(event.path("id").asText());
        });
    }

    @Test
    void oneClickUnsubscribeByPostWithdrawsConsentAndEmitsUnsubscribed() {
        String customer = Contacts.unique("ann");
        MessageRef message = message(customer);

        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post(path(links.unsubscribe(message)))
                .then().statusCode(200);
        // the mailbox provider retries its post: still one event, one consent change
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .when().post(path(links.unsubscribe(message)))
                .then().statusCode(200);
        given().when().get(path(links.openPixel(message))).then().statusCode(200);

        events(customer, "Email Opened", 1);
        List<Read> unsubscribed = TopicReader.now(Topics.EVENTS,
                read -> customer.equals(read.key()) && "Unsubscribed".equals(read.value().path("event").asText()));
        assertThat(unsubscribed).hasSize(1);
        assertThat(consentChanges(customer)).singleElement()
                .satisfies(row -> assertThat(row.getString("event_id"))
                        .isEqualTo(unsubscribed.getFirst().value().path("id").asText()));
    }

    @Test
    void aPreviewsLinksWorkButRecordNothing() {
        String customer = Contacts.unique("ann");
        MessageRef preview = new MessageRef("preview-" + customer, customer, Channel.EMAIL, null, null, true);

        given().when().get(path(links.openPixel(preview))).then().statusCode(200);
        given().redirects().follow(false).when().get(path(links.click(preview, "https://shop.test/p")))
                .then().statusCode(302).header("Location", "https://shop.test/p");
        given().when().get(path(links.unsubscribe(preview))).then().statusCode(200);
        // a real message's event after them: had the preview's hits been recorded, they would be published first
        given().when().get(path(links.openPixel(message(customer)))).then().statusCode(200);

        assertThat(events(customer, "Email Opened", 1)).hasSize(1);
        assertThat(TopicReader.now(Topics.EVENTS, read -> customer.equals(read.key()))).hasSize(1);
        assertThat(consentChanges(customer)).isEmpty();
    }

    private List<Row> consentChanges(String customer) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select * from consent_change where customer_key = $1").execute(Tuple.of(customer))
                .await().indefinitely().forEach(rows::add);
        return rows;
    }
}
