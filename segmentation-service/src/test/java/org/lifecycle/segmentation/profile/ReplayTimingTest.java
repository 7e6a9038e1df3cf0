package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.profile.service.TimeSweeper;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestKafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History replayed while the consumer lags: time-driven changes wait for the events queued before them, so the
 * ledger is the one live traffic would have given. The application consumes one record per batch, and the test
 * holds an event back by keeping its id claimed in an open transaction: the consumer waits on it with the event
 * fetched, exactly as a consumer that lags behind its partition.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(ReplayTimingTest.OneRecordPerBatch.class)
class ReplayTimingTest {

    public static class OneRecordPerBatch implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.events.max.poll.records", "1");
        }
    }

    private static final Instant FIRST_ORDER = Instant.parse("2020-01-10T10:00:00Z");
    private static final Instant SECOND_ORDER = Instant.parse("2020-03-20T10:00:00Z");

    @Inject
    Pool pool;

    @Inject
    TimeSweeper sweeper;

    @Test
    void aReplayedCustomerGetsTheLedgerLiveTrafficGivesWhileTheConsumerLags() {
        String user = Events.newCustomer();
        CustomerEvent first = Events.order(user, "o1-" + user, FIRST_ORDER, "50.00");
        CustomerEvent second = Events.order(user, "o2-" + user, SECOND_ORDER, "70.00");
        SqlConnection holdFirst = hold(first);
        SqlConnection holdSecond = hold(second);
        TestKafka.send(first, second);
        awaitConsumerWaiting();

        // the first order is applied; the second is fetched and waits, 70 days of event time later
        release(holdFirst);
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger(user).size() == 1);
        awaitConsumerWaiting();
        // time would run to the clock (2026) if the partition were caught up: the first order's at-risk day
        // (2020-04-09) and lapse would be decided before the second order, then undone by a reactivation
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            sweeper.sweep().await().atMost(Duration.ofSeconds(10));
            return ledger(user).size() == 1;
        });
        assertThat(sweeper.lastHorizon()).isEqualTo(FIRST_ORDER);

        // once the partition is applied to its end, time runs on the clock: the customer, whose last order is
        // years old, goes at risk and lapses at the moments live traffic would have seen
        release(holdSecond);
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger(user).size() == 4);
        assertThat(ledger(user)).containsExactly(
                "null>new_customer@" + FIRST_ORDER + " event",
                "new_customer>active@" + SECOND_ORDER + " event",
                "active>at_risk@" + SECOND_ORDER.plus(Duration.ofDays(90)) + " time",
                "at_risk>lapsed@" + SECOND_ORDER.plus(Duration.ofDays(365)) + " time");
    }

    /** Claims the event's id in a transaction left open, so the consumer waits on it until {@link #release}. */
    private SqlConnection hold(CustomerEvent event) {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        connection.begin().await().atMost(Duration.ofSeconds(10));
        connection.preparedQuery("insert into processed_event (event_id) values ($1)").execute(Tuple.of(event.id()))
                .await().atMost(Duration.ofSeconds(10));
        return connection;
    }

    private static void release(SqlConnection connection) {
        Transaction transaction = connection.transaction();
        transaction.rollback().await().atMost(Duration.ofSeconds(10));
        connection.close().await().atMost(Duration.ofSeconds(10));
    }

    private void awaitConsumerWaiting() {
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.query("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'""").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) > 0);
    }

    /** The customer's ledger, oldest first, as {@code from>to@at cause}. */
    private List<String> ledger(String user) {
        return pool.preparedQuery("""
                select t.from_stage, t.to_stage, t.at, t.cause_kind from transition t
                join identity i on i.profile_id = t.profile_id and i.kind = 'user' and i.value = $1
                order by t.at, t.seq""").execute(Tuple.of(user)).await().atMost(Duration.ofSeconds(10))
                .stream().map(row -> row.getString(0) + ">" + row.getString(1) + "@"
                        + row.getOffsetDateTime(2).toInstant() + " " + row.getString(3))
                .toList();
    }
}
