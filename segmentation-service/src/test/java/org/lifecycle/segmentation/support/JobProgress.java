package org.lifecycle.segmentation.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Follows a job through {@code GET /api/jobs/{id}} until it ends, keeping every progress figure seen on the way. */
public final class JobProgress {

    private static final Set<String> ENDED = Set.of("succeeded", "failed", "superseded");

    /**
     * @param last the job as it ended
     * @param done every {@code done} read while following it, in order
     */
    public record Followed(JsonPath last, List<Long> done) {
    }

    private JobProgress() {
    }

    public static Followed follow(String id) {
        List<Long> done = new ArrayList<>();
        List<JsonPath> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath job = given().when().get("/api/jobs/" + id).then().statusCode(200).extract().jsonPath();
            done.add(job.getLong("done"));
            last.clear();
            last.add(job);
            return ENDED.contains(job.getString("status"));
        });
        return new Followed(last.getFirst(), done);
    }
}
