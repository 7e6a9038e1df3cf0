package org.lifecycle.analytics;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

/** The service boots against the real PostgreSQL and Kafka and serves its operational endpoints. */
@QuarkusTest
class AnalyticsServiceTest {

    @Inject
    Pool client;

    @TestHTTPResource
    URL url;

    @Test
    void readinessIsUpWithDatabaseAndKafkaChecks() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Kafka connection health check"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedAsPrometheusText() {
        given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void openApiDocumentDescribesTheInfoEndpoint() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Lifecycle Analytics service"))
                .body("paths", hasKey("/api/analytics/info"));
    }

    @Test
    void dotSegmentsUnderTheDashboardPathReachNothingOutsideIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[]{"/dashboard/../q/metrics", "/dashboard/%2e%2e/api/analytics/info",
                "/dashboard/api/%2E%2E/%2e%2e/q/health/ready"}) {
            // The JDK client sends the path as written; RestAssured would resolve the dot segments itself.
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path.substring(1)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("Not found");
        }
        given().when().get("/dashboard/").then().statusCode(200);
    }

    @Test
    void infoNamesTheService() {
        given().when().get("/api/analytics/info")
                .then().statusCode(200)
                .body("name", equalTo("analytics-service"));
    }

    @Test
    void flywayCreatedTheProcessedEventTable() {
        Row row = client.query("""
                select (select count(*) from flyway_schema_history where version = '1' and success) as migrated,
                       to_regclass('public.processed_event') is not null as has_table
                """).execute().await().indefinitely().iterator().next();
        assertThat(row.getLong("migrated")).isEqualTo(1L);
        assertThat(row.getBoolean("has_table")).isTrue();
    }
}
