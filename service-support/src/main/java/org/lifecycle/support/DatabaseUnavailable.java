package org.lifecycle.support;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means the database cannot be reached right now (restarting, shutting down, connection lost or
 * refused, no connection slot), rather than that the record cannot be applied. Such a failure passes once the
 * database is back, so a consumer waits and tries again however long it takes; it must never dead-letter (and so
 * lose) a record for it.
 */
public final class DatabaseUnavailable {

    /** SQLSTATEs of an unreachable server: connection exceptions (class 08), shutdowns and start-up, no slot. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty()) {
            Throwable current = pending.poll();
            if (seen.put(current, Boolean.TRUE) != null) {
                continue;
            }
            if (current instanceof PgException pg) {
                String state = pg.getSqlState();
                if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                    return true;
                }
            } else if (current instanceof IOException || current instanceof ClosedConnectionException) {
                return true;
            } else if (current instanceof VertxException && current.getMessage() != null) {
                String message = current.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (message.contains("connection") && (message.contains("closed") || message.contains("lost")
                        || message.contains("refused"))) {
                    return true;
                }
            }
            if (current instanceof CompositeException composite) {
                composite.getCauses().stream().filter(java.util.Objects::nonNull).forEach(pending::add);
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
        }
        return false;
    }
}
