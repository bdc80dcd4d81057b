package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.test.ReadyDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JitGuard}: a guarded read's statements run with PostgreSQL's {@code jit} off, on every path a read runs, and
 * the caller's session and transaction are exactly as they were after the read — in auto-commit mode and inside the
 * caller's transaction, after a read that worked and after one that failed. Runs on the embedded server (which has the
 * setting but no JIT: {@link JitGuard#ALWAYS} guards there too) and, in CI, on Debian's packaged server
 * ({@code -Drelations.db=system}), where {@link JitGuard#AUTO} guards never-analyzed tables
 * ({@code JitOnSystemServerTest}).
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "JIT is PostgreSQL's; other dialects ignore the guard")
class JitGuardTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    /** The {@code jit} setting in effect when each of the reads' statements started. */
    private static final JitAtStatements JIT = new JitAtStatements();

    @BeforeEach
    void forgetStatements() {
        JIT.clear();
        DB.counter().reset();
    }

    /** Every path a read runs, by name, each run on {@code dsl}: it runs the read and reads what it returns. */
    private static Map<String, Function<Read<?>, Object>> paths(DSLContext dsl) {
        Map<String, Function<Read<?>, Object>> paths = new LinkedHashMap<>();
        paths.put("findMany", Read::findMany);
        paths.put("findFirst", Read::findFirst);
        paths.put("records", read -> read.findMany(InvoiceId.class));
        paths.put("page and next page", read -> {
            Page<?> first = read.findPage(1);
            return List.of(first.rows(), read.after(first.nextCursor().orElseThrow()).findPage(1).rows());
        });
        paths.put("JSON", Read::findManyJson);
        paths.put("JSON first", Read::findFirstJson);
        paths.put("query per level", read -> read.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        paths.put("prepared", read -> read.prepare().findMany(Map.of()));
        paths.put("prepared JSON", read -> read.prepare().findManyJson(Map.of()));
        paths.put("stream", read -> dsl.transactionResult(transaction -> {
            try (java.util.stream.Stream<? extends Node<?>> rows = read.stream(1)) {
                return rows.toList();
            }
        }));
        return paths;
    }

    /** A record type for the typed path. */
    record InvoiceId(Long id) {
    }

    @Test
    void everyPathOfAGuardedReadRunsItsStatementsWithJitOffAndNotOneStatementMore() {
        NestedReads guarded = reads(DB.dsl(), JitGuard.ALWAYS);
        NestedReads unguarded = reads(DB.dsl(), JitGuard.OFF);
        paths(DB.dsl()).forEach((path, run) -> {
            String expected = String.valueOf(run.apply(twoLevels(unguarded)));
            assertThat(JIT.values()).as(path + ", unguarded").isNotEmpty().containsOnly("on");
            int unguardedStatements = DB.counter().count();
            forgetStatements();

            assertThat(String.valueOf(run.apply(twoLevels(guarded)))).as(path).isEqualTo(expected);
            assertThat(JIT.values()).as(path + ", guarded").isNotEmpty().containsOnly("off");
            assertThat(DB.counter().count()).as(path + ": the guard's statements are not the read's")
                    .isEqualTo(unguardedStatements);
            forgetStatements();
        });
    }

    @Test
    void aGuardedReadInAutoCommitModeLeavesTheSessionAsItWas() throws SQLException {
        Connection connection = DB.dataSource().getConnection();
        try {
            DSLContext dsl = DSL.using(connection, DB.dialect());
            NestedReads guarded = reads(dsl, JitGuard.ALWAYS);
            paths(dsl).forEach((path, run) -> {
                if (path.equals("stream")) {
                    return;   // a stream needs a transaction: the next test
                }
                String before = session(connection);
                run.apply(twoLevels(guarded));
                assertThat(session(connection)).as(path).isEqualTo(before);
                assertThat(JIT.values()).as(path).containsOnly("off");
            });
        } finally {
            connection.close();
        }
    }

    @Test
    void aGuardedReadInsideTheCallersTransactionLeavesTheTransactionAndItsSettingsAsTheyWere() throws SQLException {
        Connection connection = DB.dataSource().getConnection();
        try {
            DSLContext dsl = DSL.using(connection, DB.dialect());
            for (String path : paths(dsl).keySet()) {
                dsl.transaction(transaction -> {
                    DSLContext inside = DSL.using(transaction);
                    // the caller's own settings of its transaction: a local one and a session one made inside it
                    inside.execute("set local work_mem = '7MB'");
                    inside.execute("set jit_above_cost = 123456");
                    String before = transactionState(connection);
                    paths(inside).get(path).apply(twoLevels(reads(inside, JitGuard.ALWAYS)));
                    assertThat(transactionState(connection)).as(path).isEqualTo(before);
                    assertThat(JIT.values()).as(path).containsOnly("off");
                    JIT.clear();
                });
            }
        } finally {
            try (Statement reset = connection.createStatement()) {
                reset.execute("reset jit_above_cost");
            }
            connection.close();
        }
    }

    @Test
    void aGuardedReadThatFailsInTheDatabaseLeavesTheCallersTransactionUsableAndItsSettingsAsTheyWere()
            throws SQLException {
        Relations strict = Relations.define(r -> r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).optional(false)));
        Connection connection = DB.dataSource().getConnection();
        try {
            DSLContext dsl = DSL.using(connection, DB.dialect());
            dsl.transaction(transaction -> {
                String before = transactionState(connection);
                // raised inside the JSON statement: the database aborts the transaction, the guard rolls back to
                // its savepoint taken before the read
                assertThatThrownBy(() -> reads(DSL.using(transaction), strict, JitGuard.ALWAYS).from(INVOICES)
                        .with("assignee").findManyJson()).isInstanceOf(ReadDataException.class);
                assertThat(transactionState(connection)).isEqualTo(before);
            });
            String before = session(connection);
            assertThatThrownBy(() -> reads(dsl, strict, JitGuard.ALWAYS).from(INVOICES).with("assignee")
                    .findManyJson()).isInstanceOf(ReadDataException.class);
            assertThat(session(connection)).as("auto-commit").isEqualTo(before);
        } finally {
            connection.close();
        }
    }

    @Test
    void aGuardedReadStoppedAtItsTimeoutLeavesTheSessionAndTheCallersTransactionAsTheyWere() throws SQLException {
        org.jooq.Field<Integer> slow = DSL.field("(select 1 from pg_sleep(5))", Integer.class);
        Connection connection = DB.dataSource().getConnection();
        try {
            DSLContext dsl = DSL.using(connection, DB.dialect());
            String before = session(connection);
            assertThatThrownBy(() -> reads(dsl, JitGuard.ALWAYS).withTimeout(java.time.Duration.ofSeconds(1))
                    .from(INVOICES).extra("slow", slow).findManyJson()).isInstanceOf(ReadTimeoutException.class);
            assertThat(session(connection)).as("auto-commit").isEqualTo(before);
            dsl.transaction(transaction -> {
                String inside = transactionState(connection);
                assertThatThrownBy(() -> reads(DSL.using(transaction), JitGuard.ALWAYS)
                        .withTimeout(java.time.Duration.ofSeconds(1)).from(INVOICES).extra("slow", slow).findMany())
                        .isInstanceOf(ReadTimeoutException.class);
                assertThat(transactionState(connection)).isEqualTo(inside);
            });
        } finally {
            connection.close();
        }
    }

    @Test
    void autoGuardsNothingOnAServerWithoutJitOrOnAnalyzedTables() {
        Object jitAvailable = DB.dsl().fetchValue("select pg_jit_available()");
        DB.dsl().execute("analyze organizations");
        DB.dsl().execute("analyze invoices");
        Relations analyzed = Relations.define(r -> r.table(ORGANIZATIONS).many("invoices", INVOICES,
                from(ORGANIZATIONS.ID).to(INVOICES.ORGANIZATION_ID)));
        reads(DB.dsl(), analyzed, JitGuard.AUTO).from(ORGANIZATIONS).with("invoices").findManyJson();
        assertThat(JIT.values()).as("jit available: " + jitAvailable).containsOnly("on");
    }

    @Test
    void theGuardIsChosenPerNestedReadsAndAutoIsTheDefault() {
        DSLContext dsl = DB.dsl();
        // tag::jit-guard[]
        NestedReads reads = NestedReads.using(dsl, RELATIONS);              // JitGuard.AUTO
        NestedReads oltp = reads.withJitGuard(JitGuard.ALWAYS);             // every read without JIT
        NestedReads tuned = reads.withJitGuard(JitGuard.OFF);               // never guarded
        // end::jit-guard[]
        assertThat(List.of(reads.jitGuard(), oltp.jitGuard(), tuned.jitGuard()))
                .containsExactly(JitGuard.AUTO, JitGuard.ALWAYS, JitGuard.OFF);
        assertThat(reads.withTimeout(java.time.Duration.ofSeconds(1)).withoutRenderCache().jitGuard())
                .as("kept by the other copies").isEqualTo(JitGuard.AUTO);
        assertThat(oltp.withStrategy(ReadStrategy.QUERY_PER_LEVEL).jitGuard()).isEqualTo(JitGuard.ALWAYS);
    }

    @Test
    void aGuardOfNullIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> DB.get().withJitGuard(null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("withJitGuard(null): pass JitGuard.AUTO (the default), ALWAYS or OFF.");
    }

    /** Organizations with their invoices, a key order (pages) and the columns the record type reads. */
    private static Read<?> twoLevels(NestedReads reads) {
        return reads.from(INVOICES).columns(INVOICES.ID).orderBy(INVOICES.ID).with("organization", o -> o
                .with("invoices", i -> i.columns(INVOICES.ID)));
    }

    private static NestedReads reads(DSLContext dsl, JitGuard guard) {
        return reads(dsl, RELATIONS, guard);
    }

    /** Reads on {@code dsl} with {@link #JIT} listening (and its own listeners: the class's counter). */
    private static NestedReads reads(DSLContext dsl, Relations relations, JitGuard guard) {
        return NestedReads.using(JIT.listening(dsl), relations).withJitGuard(guard);
    }

    /**
     * The session as a caller could see it: every setting with its source, the JDBC connection's auto-commit,
     * isolation and read-only, and whether a transaction is open.
     */
    private static String session(Connection connection) {
        try {
            return query(connection, "select string_agg(name || '=' || setting || ' (' || source || ')', ', ' order by name) "
                    + "from pg_settings") + "; autocommit " + connection.getAutoCommit() + ", isolation "
                    + connection.getTransactionIsolation() + ", read only " + connection.isReadOnly() + ", in a "
                    + "transaction: " + query(connection, "select now() <> statement_timestamp()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's transaction: {@link #session} and its start time (the same transaction), isolation, read-only. */
    private static String transactionState(Connection connection) {
        return session(connection) + "; started " + query(connection, "select now()") + ", "
                + query(connection, "select current_setting('transaction_isolation') || ' ' "
                + "|| current_setting('transaction_read_only')");
    }

    private static String query(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
