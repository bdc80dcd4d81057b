package io.jooqrelations.query.internal;

import io.jooqrelations.query.ReadCancelledException;
import io.jooqrelations.query.ReadTimeoutException;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the running statement of a read whose thread is interrupted. A thread blocked in a JDBC read does not notice
 * its interrupt flag, so the connection a read holds is registered with its thread while the read holds it (the
 * {@code NestedReads} context's {@link ConnectionProvider} is wrapped once, at {@code NestedReads.using}), and one daemon
 * thread looks every {@value #POLL_MILLIS} ms for registered threads that were interrupted and asks PostgreSQL to
 * cancel what their connection runs ({@code PGConnection.cancelQuery()}, the driver's cancel request). The failure the
 * driver then raises becomes a {@link ReadCancelledException} ({@link #translate}); the interrupt flag stays set.
 *
 * <p>Why not an {@code ExecuteListener} (which sees the JDBC statement): any listener switches on jOOQ's listener
 * machinery for every statement, which cost the invoice-detail read 8 KB and 8 µs on the client; a wrapped connection
 * provider costs two map operations.
 */
public final class Cancellation {

    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    /** How often the watcher looks at the reading threads. */
    static final long POLL_MILLIS = 50;

    /** The connection each reading thread holds now. */
    private static final Map<Thread, Connection> HELD = new ConcurrentHashMap<>();

    private static volatile Thread watcher;

    private Cancellation() {
    }

    /** {@code provider}, registering each connection with the thread that holds it. */
    public static ConnectionProvider watching(ConnectionProvider provider) {
        return new ConnectionProvider() {
            @Override
            public Connection acquire() {
                Connection connection = provider.acquire();
                HELD.put(Thread.currentThread(), connection);
                startWatcher();
                return connection;
            }

            @Override
            public void release(Connection connection) {
                HELD.remove(Thread.currentThread(), connection);
                provider.release(connection);
            }
        };
    }

    /** PostgreSQL's SQLSTATE for a statement cancelled on request or at its timeout ({@code query_canceled}). */
    private static final String QUERY_CANCELED = "57014";

    /** MariaDB's (and MySQL's) SQLSTATE for a statement stopped at {@code max_statement_time}. */
    private static final String STATEMENT_TIMEOUT_MARIADB = "70100";

    /**
     * The exception to throw for a failed statement: a {@link ReadCancelledException} when the reading thread was
     * interrupted and the statement failed because it was cancelled; a {@link ReadTimeoutException} when the database
     * stopped it at a timeout (or cancelled it) without an interrupt; the failure itself otherwise. Takes any exception,
     * not only jOOQ's {@code DataAccessException}: an {@code ExecuteListener} may have replaced it (Spring Boot's turns
     * it into Spring's), and the {@code SQLException} is still in its causes.
     */
    static RuntimeException translate(RuntimeException e) {
        java.sql.SQLException stopped = stopped(e);
        if (stopped == null) {
            return e;
        }
        if (Thread.currentThread().isInterrupted() && QUERY_CANCELED.equals(stopped.getSQLState())) {
            return new ReadCancelledException("The read was cancelled: its thread was interrupted while the statement "
                    + "ran, so the statement was cancelled in the database and its connection released.", stopped.getSQLState(), e);
        }
        return new ReadTimeoutException("The read's statement was stopped in the database before it finished: it ran "
                + "longer than its timeout, or was cancelled there (SQLSTATE " + stopped.getSQLState() + "); its "
                + "connection stays usable. Give it more time (Read.timeout, NestedReads.withTimeout, the server's "
                + "statement timeout) or make it cheaper: Read.toInlinedSQL() gives the statement for EXPLAIN ANALYZE.",
                stopped.getSQLState(), e);
    }

    /** The SQLException in {@code e}'s causes that says the database stopped the statement, or null. */
    private static java.sql.SQLException stopped(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && (t instanceof java.sql.SQLTimeoutException
                    || QUERY_CANCELED.equals(sql.getSQLState()) || STATEMENT_TIMEOUT_MARIADB.equals(sql.getSQLState()))) {
                return sql;
            }
        }
        return null;
    }

    private static void startWatcher() {
        if (watcher == null) {
            synchronized (Cancellation.class) {
                if (watcher == null) {
                    Thread thread = new Thread(Cancellation::watch, "jooq-relations-cancellation");
                    thread.setDaemon(true);
                    thread.start();
                    watcher = thread;
                }
            }
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            HELD.forEach((thread, connection) -> {
                if (thread.isInterrupted() && HELD.remove(thread, connection)) {
                    cancel(thread, connection);
                }
            });
        }
    }

    /** PostgreSQL's cancel request for what {@code connection} runs, through pgjdbc's public {@code PGConnection}. */
    private static void cancel(Thread thread, Connection connection) {
        try {
            Class<?> pg = Class.forName("org.postgresql.PGConnection", false, connection.getClass().getClassLoader());
            if (connection.isWrapperFor(pg)) {
                pg.getMethod("cancelQuery").invoke(connection.unwrap(pg));
            }
        } catch (ReflectiveOperationException | java.sql.SQLException | RuntimeException e) {
            LOG.debug("Could not cancel the statement of interrupted thread {}", thread.getName(), e);
        }
    }
}
