package org.lifecycle.ingestion.source;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.ingestion.support.Sources;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class SourceAdminTest {

    @Test
    void adminApiRequiresTheAdminToken() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/admin/sources")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("Authorization"));
        given().auth().oauth2("wrong-token").get("/admin/sources")
                .then().statusCode(401).body("detail", equalTo("The admin token is not valid"));
    }

    @Test
    void createdSourceIsListedByKeyPrefixWithoutItsKey() {
        String name = "shop-" + UUID.randomUUID();
        var created = given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/admin/sources")
                .then().statusCode(201)
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/admin/sources/" + id);
        String key = created.path("writeKey");
        assertThat(key).startsWith("lc_").hasSizeGreaterThan(40);
        assertThat(key).startsWith((String) created.path("keyPrefix"));

        String listing = given().auth().oauth2(Sources.ADMIN_TOKEN).get("/admin/sources")
                .then().statusCode(200)
                .body("name", hasItem(name))
                .extract().asString();
        assertThat(listing).doesNotContain(key);

        given().auth().oauth2(Sources.ADMIN_TOKEN).get("/admin/sources/" + id)
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("keys.size()", equalTo(1))
                .body("keys[0].active", equalTo(true))
                .body("keys[0].keyPrefix", equalTo(created.path("keyPrefix")))
                .body("$", not(org.hamcrest.Matchers.hasKey("writeKey")));
    }

    @Test
    void blankNameIsAProblemNamingTheField() {
        for (String body : List.of("{\"name\":\"  \"}", "{}")) {
            given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body(body)
                    .post("/admin/sources")
                    .then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("field", equalTo("name"));
        }
        given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"name\":")
                .post("/admin/sources")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("body"));
    }

    @Test
    void aNameOfTheWrongTypeIsAProblemNamingTheField() {
        given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"name\":{\"first\":\"x\"}}")
                .post("/admin/sources")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("name"));
        given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"userId\":\"u1")
                .post("/admin/deletions")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("body"));
    }

    @Test
    void unknownSourceIsNotFound() {
        given().auth().oauth2(Sources.ADMIN_TOKEN).post("/admin/sources/" + UUID.randomUUID() + "/revoke")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("field", equalTo("id"));
    }

    @Test
    void negativeGracePeriodIsRefused() {
        var source = Sources.create("grace");
        given().auth().oauth2(Sources.ADMIN_TOKEN).queryParam("graceSeconds", -5)
                .post("/admin/sources/" + source.id() + "/rotate")
                .then().statusCode(400).body("field", equalTo("graceSeconds"));
    }
}
