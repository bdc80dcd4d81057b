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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per relations graph and JVM, when the first read of the graph meets PostgreSQL's JIT trap: a server with
 * JIT on ({@code pg_jit_available()} and {@code jit = on}, the default of packaged servers) and tables of the graph that
 * were never analyzed ({@code reltuples < 0}: a fresh migration, a new tenant database, a CI database). The planner then
 * estimates each correlated level at about a thousand rows, a nested read crosses {@code jit_above_cost}, and PostgreSQL
 * compiles it before running it for ten rows — a third of a second for the example graph's 4-level read instead of 5 ms
 * (docs/performance.md, issue 26). The warning names the tables and the fix.
 *
 * <p>Checked once per graph, not per database: a second database read through the same graph (a new tenant's) is not
 * checked again. A never-analyzed table shows as {@code reltuples < 0} from PostgreSQL 14 on; on older servers the
 * check finds none. {@code -Djooqrelations.jitTrapCheck=false} turns it off (a JDBC-level statement counter, for one,
 * sees its query).
 *
 * <p>The check is one catalog query on the read's connection, run through JDBC directly so that the application's
 * {@code ExecuteListener}s (statement counters, Spring's translation) do not see it, under a savepoint when the caller
 * holds a transaction (a failure of the check must not abort it); a failure of the check is only logged at DEBUG.
 */
final class JitTrapCheck {

    /** The logger users see the warning under (the library's documented logger). */
    private static final Logger LOG = LoggerFactory.getLogger("io.jooqrelations.query.Read");

    /** How many graphs are remembered as checked: an application that defines graphs per request must not fill memory. */
    static final int MAX_GRAPHS = 256;

    /** The graphs whose first read was checked (when full, forgotten all at once: each is checked once more). */
    private static final Set<Relations> CHECKED = ConcurrentHashMap.newKeySet();

    /** The system property that turns the check off ({@code -Djooqrelations.jitTrapCheck=false}). */
    static final String SWITCH = "jooqrelations.jitTrapCheck";

    private static final String QUERY = "select pg_jit_available() and current_setting('jit') = 'on', array(select t "
            + "from (select to_regclass(n)::text as t from unnest(?::text[]) n) r where (select c.reltuples from pg_class c "
            + "where c.oid = to_regclass(r.t)) < 0 order by t)";

    private JitTrapCheck() {
    }

    /** Checks {@code graph} on {@code dsl}'s database, the first time a read of it runs in this JVM. */
    static void onFirstRead(Relations graph, DSLContext dsl) {
        if (CHECKED.contains(graph) || dsl.dialect().family() != SQLDialect.POSTGRES
                || "false".equals(System.getProperty(SWITCH))) {
            return;
        }
        if (CHECKED.size() >= MAX_GRAPHS) {
            CHECKED.clear();
        }
        if (!CHECKED.add(graph)) {   // another thread's first read checks it
            return;
        }
        List<String> neverAnalyzed;
        try {
            neverAnalyzed = dsl.connectionResult(connection -> {
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
            return;
        }
        if (!neverAnalyzed.isEmpty()) {
            LOG.warn(message(neverAnalyzed));
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
                + "4-level read of ten rows). Run ANALYZE after migrating (e.g. in a Flyway afterMigrate callback), "
                + "or turn JIT off for the application's role: alter role <app_user> set jit = off.";
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
