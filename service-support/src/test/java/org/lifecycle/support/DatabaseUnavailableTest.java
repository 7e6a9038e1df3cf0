package org.lifecycle.support;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that is restarting or unreachable is told apart from a record that cannot be applied. */
class DatabaseUnavailableTest {

    @Test
    void aRestartingOrUnreachableDatabaseIsUnavailable() {
        assertThat(DatabaseUnavailable.is(pg("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnavailable.is(pg("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.is(pg("terminating connection due to crash", "57P02"))).isTrue();
        assertThat(DatabaseUnavailable.is(pg("sorry, too many clients already", "53300"))).isTrue();
        assertThat(DatabaseUnavailable.is(pg("connection failure", "08006"))).isTrue();
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused"))).isTrue();
        assertThat(DatabaseUnavailable.is(new ClosedChannelException())).isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException("Failed to read any response from the server, the"
                + " underlying connection may have been lost unexpectedly.", true))).isTrue();
    }

    @Test
    void wrappedAndCompositeFailuresAreLookedInto() {
        assertThat(DatabaseUnavailable.is(new IllegalStateException("apply failed",
                pg("the database system is not yet accepting connections", "57P03")))).isTrue();
        assertThat(DatabaseUnavailable.is(new CompositeException(new IllegalArgumentException("first"),
                new UncheckedIOException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void aRecordThatCannotBeAppliedIsNot() {
        assertThat(DatabaseUnavailable.is(pg("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.is(pg("value too long for type character varying(64)", "22001"))).isFalse();
        assertThat(DatabaseUnavailable.is(pg("could not serialize access", "40001"))).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalArgumentException("bad record"))).isFalse();
        assertThat(DatabaseUnavailable.is(new NullPointerException())).isFalse();
    }

    private static PgException pg(String message, String sqlState) {
        return new PgException(message, "FATAL", sqlState, null);
    }
}
