package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether reads of a relations graph meet PostgreSQL's JIT trap: a server with JIT on ({@code pg_jit_available()} and
 * {@code jit = on}, the default of packaged servers) and tables of the graph that were never analyzed
 * ({@code reltuples < 0}: a fresh migration, a new tenant database, a CI database). The planner then estimates each
 * correlated level at about a thousand rows, a nested read crosses {@code jit_above_cost}, and PostgreSQL compiles it
 * before running it for ten rows — 400 ms for the example graph's 4-level read instead of 5 ms (docs/performance.md,
 * issue 26). {@link io.jooqrelations.query.JitGuard#AUTO} guards the graph's reads while it does; the first time, a
 * warning names the tables and the lasting fix.
 *
 * <p>Checked on the graph's first read and again on the first read after {@link #RECHECK_NANOS} (tables get analyzed:
 * by autovacuum once they grow, by the user after the warning), per graph, not per database: a second database read
 * through the same graph (a new tenant's) takes the verdict of the last check. A never-analyzed table shows as
 * {@code reltuples < 0} from PostgreSQL 14 on; on older servers the check finds none. {@code
 * -Djooqrelations.jitTrapCheck=false} turns it off (a JDBC-level statement counter, for one, sees its query); then
 * {@code AUTO} guards nothing.
 *
 * <p>The check is one catalog query on the read's connection, run through JDBC directly so that the application's
 * {@code ExecuteListener}s (statement counters, Spring's translation) do not see it, under a savepoint when the caller
 * holds a transaction (a failure of the check must not abort it); a failure of the check is only logged at DEBUG and
 * keeps the verdict as it was.
 */
final class JitTrapCheck {

    /** The logger users see the warning under (the library's documented logger). */
    private static final Logger LOG = LoggerFactory.getLogger("io.jooqrelations.query.Read");

    /** How many graphs are remembered: an application that defines graphs per request must not fill memory. */
    static final int MAX_GRAPHS = 256;

    /** How long a verdict holds before the next read checks again: five minutes. */
    static final long RECHECK_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** What the last check of a graph found, until when it holds, and whether its warning was logged. */
    private record Verdict(boolean trapped, long until, boolean warned) {
        boolean holds(long now) {
            return now - until < 0;
        }
    }

    /**
     * The verdict per graph (when full, forgotten all at once: each is checked once more). A graph's first check runs
     * inside {@code computeIfAbsent}, which makes the reads that come meanwhile wait for it. They wait before taking a
     * connection for their read (only one inside a transaction of its own holds one); the check needs one connection:
     * in the worst case, every connection of a pool held by waiting transactions, it waits for the pool's timeout,
     * fails, and is logged at DEBUG.
     */
    private static final Map<Relations, Verdict> VERDICTS = new ConcurrentHashMap<>();

    /** The system property that turns the check off ({@code -Djooqrelations.jitTrapCheck=false}). */
    static final String SWITCH = "jooqrelations.jitTrapCheck";

    private static final String QUERY = "select pg_jit_available() and current_setting('jit') = 'on', array(select t "
            + "from (select to_regclass(n)::text as t from unnest(?::text[]) n) r where (select c.reltuples from pg_class c "
            + "where c.oid = to_regclass(r.t)) < 0 order by t)";

    private JitTrapCheck() {
    }

    /**
     * Whether reads of {@code graph} on {@code dsl}'s database meet the trap, as the last check found; checks when
     * there was none or it is older than {@link #RECHECK_NANOS}. The first check of a graph is waited for by every read
     * that comes meanwhile (a read let through unguarded would be compiled: half a second under load); while a later
     * check runs, the other reads take the previous verdict.
     */
    static boolean trapped(Relations graph, DSLContext dsl) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES || "false".equals(System.getProperty(SWITCH))) {
            return false;
        }
        long now = System.nanoTime();
        Verdict last = VERDICTS.get(graph);
        if (last != null && last.holds(now)) {
            return last.trapped();
        }
        if (last == null) {
            if (VERDICTS.size() >= MAX_GRAPHS) {
                VERDICTS.clear();
            }
            return VERDICTS.computeIfAbsent(graph, g -> verdict(check(g, dsl), null, now)).trapped();
        }
        // claim the check: other reads take this (the previous verdict, held for the check's time) meanwhile
        Verdict claim = new Verdict(last.trapped(), now + RECHECK_NANOS, last.warned());
        if (!VERDICTS.replace(graph, last, claim)) {
            return last.trapped();
        }
        Verdict checked = verdict(check(graph, dsl), claim, now);
        VERDICTS.put(graph, checked);
        return checked.trapped();
    }

    /**
     * The verdict of a check that found {@code neverAnalyzed} (null: the check failed, the {@code previous} verdict
     * stays; none before: not trapped), warning when it finds the trap for the first time.
     */
    private static Verdict verdict(List<String> neverAnalyzed, Verdict previous, long now) {
        boolean warned = previous != null && previous.warned();
        if (neverAnalyzed == null) {
            return new Verdict(previous != null && previous.trapped(), now + RECHECK_NANOS, warned);
        }
        boolean trapped = !neverAnalyzed.isEmpty();
        if (trapped && !warned) {
            LOG.warn(message(neverAnalyzed));
        }
        return new Verdict(trapped, now + RECHECK_NANOS, warned || trapped);
    }

    /** The graph's never-analyzed tables if the server has JIT on (else none); null when the check failed. */
    private static List<String> check(Relations graph, DSLContext dsl) {
        try {
            return dsl.connectionResult(connection -> {
                // inside the caller's transaction, a failure of the check must not abort it
                Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
                try {
                    List<String> tables = neverAnalyzedWithJitOn(connection, graph);
                    if (savepoint != null) {
                        connection.releaseSavepoint(savepoint);
                    }
                    return tables;
                } catch (SQLException | RuntimeException e) {
                    if (savepoint != null) {
                        connection.rollback(savepoint);
                    }
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Could not check the relations graph's tables for PostgreSQL's JIT trap", e);
            return null;
        }
    }

    /** The graph's never-analyzed tables when the server has JIT on; empty when it has not. */
    private static List<String> neverAnalyzedWithJitOn(Connection connection, Relations graph) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            Array names = connection.createArrayOf("text", names(graph).toArray());
            statement.setArray(1, names);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                List<String> tables = new ArrayList<>();
                if (result.getBoolean(1)) {
                    for (Object table : (Object[]) result.getArray(2).getArray()) {
                        tables.add(String.valueOf(table));
                    }
                }
                return tables;
            } finally {
                names.free();
            }
        }
    }

    /** The warning for the never-analyzed {@code tables} of a graph read on a server with JIT on. */
    static String message(List<String> tables) {
        return "PostgreSQL's JIT is on and " + tables.size() + " table(s) of the relations graph were never analyzed ("
                + String.join(", ", tables) + "): the planner estimates each of their levels at about 1 000 rows, so "
                + "nested reads cross jit_above_cost and are compiled before they run (a third of a second for a "
                + "4-level read of ten rows). Until they are analyzed, nested reads of the graph with JitGuard.AUTO (the "
                + "default) run with JIT off for the read, at two more round trips each. For good: run ANALYZE after migrating (e.g. in a Flyway afterMigrate "
                + "callback), or turn JIT off for the application's role: alter role <app_user> set jit = off.";
    }

    /** Renders the names {@code to_regclass} reads: PostgreSQL's quoting, by jOOQ. */
    private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES);

    /** The graph's tables as {@code to_regclass} finds them: schema-qualified where the table names its schema. */
    private static List<String> names(Relations graph) {
        List<String> names = new ArrayList<>();
        for (Table<?> table : graph.tables()) {
            String schema = TableNames.schemaName(table);
            names.add(POSTGRES.render(schema.isEmpty() ? DSL.name(table.getName()) : DSL.name(schema, table.getName())));
        }
        return names;
    }

}
