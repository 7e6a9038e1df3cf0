package org.lifecycle.ingestion;

import org.junit.jupiter.api.Test;
import org.lifecycle.ingestion.support.Sources;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name",
                        hasItems("Kafka broker", "Write keys", "Reactive PostgreSQL connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountAcceptedAndRejectedEventsAndProduceLatency() {
        var source = Sources.create("metrics");
        given().auth().preemptive().basic(source.writeKey(), "").contentType(ContentType.JSON)
                .body("{\"batch\":[{\"type\":\"track\",\"userId\":\"m\",\"event\":\"e\"},{\"type\":\"page\",\"userId\":\"m\"}]}")
                .post("/v1/batch").then().statusCode(200);
        given().auth().preemptive().basic(source.writeKey(), "").contentType(ContentType.JSON)
                .body("{\"userId\":\"m\"}").post("/v1/track").then().statusCode(400);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lifecycle_ingestion_events_accepted_total{type=\"track\"}"))
                .body(containsString("lifecycle_ingestion_events_rejected_total{reason=\"invalid_field\"}"))
                .body(containsString("lifecycle_ingestion_batch_size_events"))
                .body(containsString("lifecycle_ingestion_produce_latency_seconds"));
    }

    @Test
    void trackingRequestsDoNotTouchTheDatabase() {
        var source = Sources.create("hot-path");
        double before = databaseAcquisitions();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            given().auth().preemptive().basic(source.writeKey(), "").contentType(ContentType.JSON)
                    .body("{\"userId\":\"hot-" + i + "\",\"event\":\"Viewed\"}")
                    .post("/v1/track").then().statusCode(200);
        }
        // The periodic reload of the write keys (every 10 s in tests) may fall inside the loop, more than once on a
        // slow machine; the 50 requests themselves cause no acquisition.
        long reloads = 1 + java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10;
        org.assertj.core.api.Assertions.assertThat(databaseAcquisitions() - before).isLessThanOrEqualTo(reloads);
    }

    private static double databaseAcquisitions() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("sql_pool_completed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void openApiDocumentsTheTrackingAndAdminApis() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/v1/track", "/v1/batch", "/v1/import", "/admin/sources",
                        "/admin/deletions"));
    }
}
