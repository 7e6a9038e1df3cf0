package org.lifecycle.campaign.runtime.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The runtime's transactions on the reactive pool, written step by step: the runtime's work (consumers, sweeps,
 * dispatch) runs on worker threads, never on an event loop, so it waits for each statement. A transaction commits
 * when the work returns and rolls back when it throws.
 */
@ApplicationScoped
public class Db {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final Pool pool;

    public Db(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction. */
    public <T> T inTransaction(Function<Tx, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(STATEMENT_TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(STATEMENT_TIMEOUT);
            T result;
            try {
                result = work.apply(new Tx(connection));
            } catch (RuntimeException | Error e) {
                try {
                    transaction.rollback().await().atMost(STATEMENT_TIMEOUT);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            transaction.commit().await().atMost(STATEMENT_TIMEOUT);
            return result;
        } finally {
            connection.close().await().atMost(STATEMENT_TIMEOUT);
        }
    }

    /** One statement outside any transaction (reads). */
    public RowSet<Row> query(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args))).await().atMost(STATEMENT_TIMEOUT);
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** A transaction's connection. */
    public static final class Tx {

        private final SqlConnection connection;

        Tx(SqlConnection connection) {
            this.connection = connection;
        }

        public RowSet<Row> query(String sql, Object... args) {
            return connection.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args))).await()
                    .atMost(STATEMENT_TIMEOUT);
        }

        public SqlConnection connection() {
            return connection;
        }
    }
}
