package io.jooqrelations.query.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * One connection of a read held with PostgreSQL's {@code jit} off for the read alone ({@link io.jooqrelations.query.JitGuard}),
 * and given back as it was found. PostgreSQL cannot scope a setting to one statement, and a session-level {@code set}
 * would outlive the read (and, behind a transaction-pooling PgBouncer, reach another client's statements), so the
 * setting is made local ({@code set_config(..., true)}) to a transaction that ends with the read:
 * <ul>
 *   <li>auto-commit on: the read's own {@code REPEATABLE READ READ ONLY} transaction — a query-per-level read needs
 *       that snapshot anyway and sees auto-commit off, so it runs in it — rolled back at the end (it wrote nothing);</li>
 *   <li>inside the caller's transaction: a savepoint, rolled back to and released at the end, which undoes the setting
 *       exactly (also its source, as {@code pg_settings} shows it) and leaves the caller's transaction as it was
 *       before the read — also after a read that failed in the database.</li>
 * </ul>
 * Each costs two round trips: the begin (pgjdbc sends it with the first statement) or savepoint with the setting, and
 * the end. The statements run through JDBC directly: the application's {@code ExecuteListener}s (statement counters,
 * Spring's translation) see the read's statements only.
 *
 * <pre>{@code
 * try (JitOff off = JitOff.hold(dsl)) {
 *     return backend.read(plan, executor.on(off.dsl()));
 * }
 * }</pre>
 */
final class JitOff implements AutoCloseable {

    /** The savepoint a guarded read inside the caller's transaction sets and rolls back to. */
    static final String SAVEPOINT = "jooq_relations_jit";

    private final ConnectionProvider provider;
    private final Connection connection;
    private final DSLContext pinned;
    /** Whether the connection was in auto-commit mode: then the read ran in a transaction of its own. */
    private final boolean ownTransaction;

    private JitOff(ConnectionProvider provider, Connection connection, DSLContext pinned, boolean ownTransaction) {
        this.provider = provider;
        this.connection = connection;
        this.pinned = pinned;
        this.ownTransaction = ownTransaction;
    }

    /**
     * Acquires a connection of {@code dsl} and turns {@code jit} off on it until {@link #close()}; the connection is
     * released again if that fails.
     */
    static JitOff hold(DSLContext dsl) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            boolean ownTransaction = connection.getAutoCommit();
            if (ownTransaction) {
                connection.setAutoCommit(false);
                try {
                    run(connection, "set transaction isolation level repeatable read, read only; "
                            + "select set_config('jit', 'off', true)");
                } catch (SQLException | RuntimeException e) {
                    end(connection, true);
                    throw e;
                }
            } else {
                run(connection, "savepoint " + SAVEPOINT + "; select set_config('jit', 'off', true)");
            }
            DSLContext pinned = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
            return new JitOff(provider, connection, pinned, ownTransaction);
        } catch (SQLException e) {
            provider.release(connection);
            throw new org.jooq.exception.DataAccessException("Could not turn PostgreSQL's JIT off for a nested read "
                    + "(JitGuard; NestedReads.withJitGuard(JitGuard.OFF) reads without it): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            provider.release(connection);
            throw e;
        }
    }

    /** The read's context, on the held connection (the application's configuration otherwise: listeners, settings). */
    DSLContext dsl() {
        return pinned;
    }

    /** Ends the read's transaction, or rolls back to the savepoint, and releases the connection. */
    @Override
    public void close() {
        try {
            if (ownTransaction) {
                end(connection, false);
            } else {
                run(connection, "rollback to savepoint " + SAVEPOINT + "; release savepoint " + SAVEPOINT);
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("Could not restore the connection's settings after a "
                    + "nested read with PostgreSQL's JIT off: " + e.getMessage(), e);
        } finally {
            provider.release(connection);
        }
    }

    /** Rolls back the read's own transaction and turns auto-commit on again ({@code quietly}: after a failure). */
    private static void end(Connection connection, boolean quietly) throws SQLException {
        try {
            connection.rollback();
        } catch (SQLException e) {
            if (!quietly) {
                throw e;
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
