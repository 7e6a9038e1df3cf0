package org.lifecycle.segmentation.job;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.segmentation.job.repository.JobRepository;
import org.lifecycle.segmentation.outbox.OutboxRepository;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.JobProgress;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Jobs left by a replica that stopped, and jobs replaced by newer ones, in an application of its own where nothing
 * else starts jobs: the RFM thresholds are not derived again while the tests run.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(JobLeaseTest.NoOtherJobs.class)
class JobLeaseTest {

    public static class NoOtherJobs implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() { return Map.of("lifecycle.segmentation.rfm-refresh", "1h"); }
    }

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    OutboxRepository outbox;

    @Inject
    JobRepository jobs;

    @Test
    void aJobLeftByAStoppedReplicaIsResumedFromItsCursorOnceItsLeaseRunsOut() {
        String cohort = UUID.randomUUID().toString();
        for (int i = 0; i < 8; i++) {
            prospect(cohort);
        }
        List<UUID> ids = query("select id from profile where state->'traits'->>'cohort' = $1 order by id",
                Tuple.of(cohort)).stream().map(row -> row.getUUID(0)).toList();
        assertThat(ids).hasSize(8);
        UUID cursor = ids.get(3);
        String key = "resumed_" + cohort.substring(0, 8);

        // What the stopped replica committed: the segment, and its job four profiles in, under a lease now over
        UUID segmentId = UUID.randomUUID();
        execute("""
                insert into segment (key, id, name, definition, version)
                values ($1, $2, 'Resumed', jsonb_build_object('trait', 'cohort', 'op', 'eq', 'value', $3::text), 1)""",
                Tuple.of(key, segmentId, cohort));
        long before = query("select count(*) from profile where id <= $1", Tuple.of(cursor)).getFirst().getLong(0);
        UUID jobId = UUID.randomUUID();
        execute("""
                insert into job (id, kind, subject, status, total, done, cursor_id, created_at, started_at,
                    lease_owner, lease_until)
                values ($1, 'segment_backfill', $2, 'running', (select count(*) from profile), $3, $4,
                    now() - interval '1 minute', now() - interval '1 minute', 'stopped-replica/1',
                    now() - interval '1 second')""",
                Tuple.of(jobId, "segment:" + key, before, cursor));

        JobProgress.Followed job = JobProgress.follow(jobId.toString());
        assertThat(job.last().getString("status")).isEqualTo("succeeded");
        assertThat(job.last().getLong("done")).isEqualTo(job.last().getLong("total"));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.backlog().await().indefinitely() == 0);

        List<Read> entries = TestKafka.records(Topics.MEMBERSHIPS,
                r -> key.equals(r.value().path("segmentKey").asText()) && r.value().path("entered").asBoolean());
        List<String> after = ids.subList(4, 8).stream().map(UUID::toString).toList();
        assertThat(entries).extracting(r -> r.value().path("profileId").asText())
                .containsExactlyInAnyOrderElementsOf(after);
        assertThat(entries).allSatisfy(r -> assertThat(r.value().path("segmentId").asText())
                .isEqualTo(segmentId.toString()));

        // the stopped replica, were it to come back, can no longer record progress on the job it lost
        assertThat(jobs.advance(pool, jobId, "stopped-replica/1", ids.getLast(), 4, Duration.ofMinutes(1)).await()
                .indefinitely()).isFalse();
        given().when().get("/api/jobs/" + jobId).then().statusCode(200)
                .body("done", equalTo((int) job.last().getLong("done")));
    }

    @Test
    void aNewJobOverTheSameSubjectSupersedesAnUnfinishedOne() {
        String key = "superseding_" + UUID.randomUUID().toString().substring(0, 8);
        UUID older = UUID.randomUUID();
        // another replica is running a job over the segment, its lease still good
        execute("""
                insert into job (id, kind, subject, status, total, started_at, lease_owner, lease_until)
                values ($1, 'segment_backfill', $2, 'running', 0, now(), 'other-replica/1', now() + interval '1 hour')""",
                Tuple.of(older, "segment:" + key));

        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("key", key, "name", "Superseding", "rule", Map.of("orders", Map.of("gte", 1))))
                .when().post("/api/segments")
                .then().statusCode(201).extract().jsonPath();

        given().when().get("/api/jobs/" + older)
                .then().statusCode(200)
                .body("status", equalTo("superseded"))
                .body("finishedAt", notNullValue());
        assertThat(JobProgress.follow(created.getString("job.id")).last().getString("status"))
                .isEqualTo("succeeded");
        List<String> newestFirst = given().when().get("/api/jobs").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
        assertThat(newestFirst.indexOf(created.getString("job.id"))).isLessThan(newestFirst.indexOf(older.toString()));
    }

    @Test
    void aJobThatCannotGoOnFailsWithTheReason() {
        UUID broken = UUID.randomUUID();
        execute("""
                insert into profile (id, identity_key, state) values ($1, $2, '{"orderHistory": "not a list"}')""",
                Tuple.of(broken, "broken-" + broken));
        try {
            UUID jobId = UUID.randomUUID();
            execute("insert into job (id, kind, subject, status, total) values ($1, 'rfm_thresholds', $2, 'pending', 1)",
                    Tuple.of(jobId, "failing-" + jobId));
            JsonPath failed = JobProgress.follow(jobId.toString()).last();
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("error")).contains("Unreadable profile " + broken);
            assertThat(failed.getString("finishedAt")).isNotNull();
        } finally {
            execute("delete from profile where id = $1", Tuple.of(broken));
        }
    }

    /** A customer known by an identify only: nothing about them changes with time, so only a job decides them again. */
    private void prospect(String cohort) {
        String user = Events.newCustomer();
        ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("cohort", cohort);
        TestKafka.send(Events.identify(user, null, clock.instant().minus(1, ChronoUnit.HOURS), traits));
        TestKafka.awaitRecords(Topics.TRANSITIONS, 1, r -> user.equals(r.key()));
    }

    private List<Row> query(String sql, Tuple arguments) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(arguments).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private void execute(String sql, Tuple arguments) {
        pool.preparedQuery(sql).execute(arguments).await().indefinitely();
    }
}
