package org.lifecycle.ingestion.support;

import java.util.UUID;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Creates sources through the real admin API, each with a unique name, so tests never share a write key. */
public final class Sources {

    public static final String ADMIN_TOKEN = "test-admin-token";

    /** A source created for one test: its id and its plain write key. */
    public record TestSource(String id, String writeKey) {
    }

    private Sources() {
    }

    public static TestSource create(String purpose) {
        var response = given().auth().oauth2(ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + purpose + "-" + UUID.randomUUID() + "\"}")
                .post("/admin/sources")
                .then().statusCode(201)
                .extract();
        return new TestSource(response.path("id"), response.path("writeKey"));
    }
}
