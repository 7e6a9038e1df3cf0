package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.runtime.service.JourneyRuntime;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.campaign.support.TopicReader;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of waits due at the same moment: a broadcast enrolls a segment a page per transaction, and one timer sweep
 * claims a whole batch of due timers and advances them together, queuing their messages with their dispatch records,
 * so a backlog drains in a few large transactions instead of one statement per enrollment.
 */
@QuarkusTest
@TestProfile(BulkSweeps.class)
@QuarkusTestResource(IsolatedInfrastructure.class)
class BulkTimerSweepTest {

    private static final int MEMBERS = 2_500;
    private static final int BATCH = 1_000;

    @Inject
    TestClock clock;

    @Inject
    JourneyRuntime runtime;

    @Inject
    Db db;

    @Test
    void aBroadcastEnrollsItsSegmentInPagesAndTheirWaitsFireAWholeBatchPerSweep() {
        String segment = "bulk_members";
        db.inTransaction(tx -> tx.query("""
                insert into contact (customer_key, email, time_zone, segments, consent)
                select 'bulk-' || g, 'bulk-' || g || '@mail.test', 'UTC', array[$1], '{"email": true}'
                from generate_series(1, $2) g""", segment, MEMBERS));
        // Contacts outside the segment between the members in key order ('bulk-7' < 'bulk-7-other' < 'bulk-70'), and
        // no statistics on the table yet, as right after a segment grew: the pages walk the contacts, not the index.
        db.inTransaction(tx -> tx.query("""
                insert into contact (customer_key, email, time_zone, segments, consent)
                select 'bulk-' || g || '-other', 'other-' || g || '@mail.test', 'UTC', array['other'], '{"email": true}'
                from generate_series(1, $1) g""", MEMBERS));
        Instant at = clock.instant().plus(Duration.ofMinutes(1));
        String key = Journeys.activate("""
                {"key": "%KEY%", "name": "Bulk", "trigger": {"type": "broadcast", "segment": "SEGMENT", "at": "AT"},
                 "steps": [{"id": "pause", "type": "wait", "duration": "PT1H"},
                           {"id": "hello", "type": "send", "channel": "email", "template": "welcome_1_hello"}]}"""
                .replace("SEGMENT", segment).replace("AT", at.toString()));
        clock.advance(Duration.ofMinutes(2));

        int pages = 0;
        long enrolled = 0;
        int more;
        do {
            more = runtime.runDueBroadcasts();
            pages++;
            long now = count("select count(*) from enrollment where journey_key = $1", key);
            assertThat(now - enrolled).as("page %d enrolls at most one batch", pages).isBetween(0L, (long) BATCH);
            enrolled = now;
            assertThat(count("select count(*) from journey where key = $1 and broadcast_cursor is not null", key))
                    .as("the cursor is kept while pages are left").isEqualTo(more > 0 ? 1 : 0);
        } while (more > 0 && pages < 100);
        assertThat(pages).as("one page per batch of contacts scanned, members and others")
                .isEqualTo(2 * MEMBERS / BATCH + 1);
        assertThat(runtime.runDueBroadcasts()).as("the run has ended").isZero();
        assertThat(count("select count(*) from enrollment where journey_key = $1 and status = 'waiting'", key))
                .isEqualTo(MEMBERS);
        assertThat(count("select count(distinct customer_key) from enrollment where journey_key = $1", key))
                .isEqualTo(MEMBERS);
        assertThat(count("select count(*) from journey where key = $1 and broadcast_cursor is null "
                + "and next_broadcast_at is null", key)).isEqualTo(1);
        assertThat(runtime.fireDueTimers()).as("nothing due before the hour").isZero();

        clock.advance(Duration.ofMinutes(61));

        assertThat(runtime.fireDueTimers()).as("one sweep, one full batch").isEqualTo(BATCH);
        assertThat(count("select count(*) from enrollment where journey_key = $1 and status = 'exited' "
                + "and exit_reason = 'completed' and wake_at is null", key)).isEqualTo(BATCH);
        assertThat(count("select count(*) from send_ledger where journey_key = $1 and status = 'queued' "
                + "and step_id = 'hello'", key)).isEqualTo(BATCH);

        assertThat(runtime.fireDueTimers()).isEqualTo(BATCH);
        assertThat(runtime.fireDueTimers()).isEqualTo(MEMBERS - 2 * BATCH);
        assertThat(runtime.fireDueTimers()).isZero();
        assertThat(count("select count(*) from send_ledger where journey_key = $1", key)).isEqualTo(MEMBERS);
        List<TopicReader.Read> queued = TopicReader.awaitRecords(Topics.DISPATCHES, MEMBERS,
                read -> key.equals(read.value().path("journeyId").asText()));
        assertThat(queued).hasSize(MEMBERS).allSatisfy(read -> assertThat(read.value().path("type").asText())
                .isEqualTo("dispatch.queued"));
        assertThat(queued.stream().map(TopicReader.Read::key).distinct()).hasSize(MEMBERS);
        assertThat(count("""
                select count(*) from journey_counter where journey_key = $1 and step_id = 'hello'
                and metric = 'entered' and n = $2""", key, MEMBERS)).isEqualTo(1);
        given().get("/api/journeys/" + key + "/steps").then().statusCode(200);
    }

    private long count(String sql, Object... args) {
        return db.inTransaction(tx -> tx.query(sql, args).iterator().next().getLong(0));
    }
}
