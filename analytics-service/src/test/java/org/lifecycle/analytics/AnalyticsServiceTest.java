package org.lifecycle.analytics;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

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
