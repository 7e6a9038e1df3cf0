package org.lifecycle.campaign.runtime;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.lifecycle.campaign.journey.engine.Assignments;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** What the runtime tests do through the service's own API and topics. */
final class Journeys {

    private Journeys() {
    }

    static JsonNode json(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Creates and activates a journey from its JSON, with {@code %KEY%} replaced by a key of its own. */
    static String activate(String template) {
        String key = Contacts.unique("j").replace('-', '_');
        given().contentType(ContentType.JSON).body(template.replace("%KEY%", key)).post("/api/journeys").then()
                .statusCode(201);
        given().post("/api/journeys/" + key + "/activate").then().statusCode(200);
        return key;
    }

    /** A customer key that the journey's holdout does not take. */
    static String treated(String journeyKey, int holdoutPercent) {
        for (;;) {
            String customer = Contacts.unique("c");
            if (!Assignments.heldOut(journeyKey, customer, BigDecimal.valueOf(holdoutPercent))) {
                return customer;
            }
        }
    }

    /** Identifies a customer with an email address and a time zone. */
    static String identify(String customer, String zone, Instant at) {
        String email = customer + "@mail.test";
        ObjectNode traits = Records.object().put("email", email).put("first_name", "Ann").put("timezone", zone);
        Records.publish(Topics.EVENTS, Records.identify(customer, at, traits));
        return email;
    }

    static List<Map<String, Object>> messages(String customer) {
        return given().get("/api/customers/" + customer + "/messages").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static List<Map<String, Object>> enrollments(String customer) {
        return given().get("/api/customers/" + customer + "/enrollments").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    static void awaitMessages(String customer, Predicate<List<Map<String, Object>>> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(messages(customer)));
    }

    static void awaitEnrollments(String customer, Predicate<List<Map<String, Object>>> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(enrollments(customer)));
    }

    static long withStatus(List<Map<String, Object>> messages, String status) {
        return messages.stream().filter(m -> status.equals(m.get("status"))).count();
    }
}
