package org.lifecycle.ingestion.deletion;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.ingestion.support.Sources;
import org.lifecycle.ingestion.support.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class DeletionApiTest {

    @Test
    void deletionRequestIsPublishedKeyedByTheUser() {
        String user = "erase-" + UUID.randomUUID();
        try (var deletions = new TopicProbe(Topics.DELETIONS)) {
            var mark = deletions.mark();
            String id = given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body("{\"userId\":\"" + user + "\",\"anonymousId\":\"device-1\"}")
                    .post("/admin/deletions")
                    .then().statusCode(202)
                    .body("type", equalTo("deletion.requested"))
                    .body("userId", equalTo(user))
                    .extract().path("id");

            var reads = deletions.since(mark).stream().filter(r -> user.equals(r.key())).toList();
            assertThat(reads).hasSize(1);
            DeletionRequest request = LifecycleJson.decode(reads.getFirst().raw(), DeletionRequest.class);
            assertThat(request.id()).isEqualTo(id);
            assertThat(request.type()).isEqualTo(DeletionType.DELETION_REQUESTED);
            assertThat(request.anonymousId()).isEqualTo("device-1");
            assertThat(request.requestedBy()).isEqualTo("admin");
        }
    }

    @Test
    void deletionWithoutUserIdIsRefusedAndNothingIsPublished() {
        try (var deletions = new TopicProbe(Topics.DELETIONS)) {
            var mark = deletions.mark();
            String device = "device-" + UUID.randomUUID();
            given().auth().oauth2(Sources.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body("{\"anonymousId\":\"" + device + "\"}")
                    .post("/admin/deletions")
                    .then().statusCode(400).body("field", equalTo("userId"));
            given().contentType(ContentType.JSON).body("{\"userId\":\"" + device + "\"}")
                    .post("/admin/deletions")
                    .then().statusCode(401);
            assertThat(deletions.since(mark)).noneMatch(r -> new String(r.raw()).contains(device));
        }
    }
}
