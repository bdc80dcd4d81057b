package io.jooqrelations.query;

import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.schema.tables.records.OrganizationsRecord;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.test.ReadyDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JIT trap, on a server that has a JIT: Debian's packaged PostgreSQL ({@code -Drelations.db=system}, which
 * {@code .ci/run} installs and runs this class on; the embedded server has no LLVM). On freshly migrated tables that were
 * never analyzed the planner estimates each correlated level at ~1 000 rows, the example graph's 4-level JSON read
 * crosses {@code jit_above_cost}, and PostgreSQL compiles the statement before running it for ten rows (issue 26).
 * Asserted from {@code EXPLAIN (ANALYZE, FORMAT JSON)}, not from a clock.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "JIT is PostgreSQL's")
@EnabledIfSystemProperty(named = "relations.db", matches = "system",
        disabledReason = "needs a server with LLVM JIT: run with -Drelations.db=system (.ci/run does)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the last one analyzes tables the others need unanalyzed
class JitOnSystemServerTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    /** Two schemas with same-named tables, quoted and keyword identifiers: the names the check must find. */
    @RegisterExtension
    static final ReadyDatabase<NestedReads> REAL_WORLD = ExampleDatabase.realWorldWith(dsl -> { });

    @Test
    @Order(1)
    void theServerReallyHasAJitSoThisClassCannotPassVacuously() {
        assertThat(DB.dsl().fetchValue("select pg_jit_available()")).isEqualTo(true);
        assertThat(DB.dsl().fetchValue("show jit")).isEqualTo("on");
    }

    @Test
    @Order(2)
    void theFourLevelJsonReadOnNeverAnalyzedTablesIsJitCompiled() {
        String sql = DB.get().from(ORGANIZATIONS).with("invoices", i -> i
                .with("tags", t -> t.with("invoices"))
                .with("comments", c -> c.with("author")))
                .inlinedStatements().findManyJson();
        assertThat(DB.dsl().fetchValue("select count(*) from pg_class where relname = 'invoices' and reltuples < 0"))
                .as("the tables were never analyzed").isEqualTo(1L);

        String plan = explain(sql);
        assertThat(plan).as("EXPLAIN shows the statement compiled").contains("\"JIT\"");
    }

    @Test
    @Order(3)
    void byDefaultTheFourLevelReadOnNeverAnalyzedTablesRunsWithoutJitAndOnlyThen() {
        JitAtStatements jit = new JitAtStatements();
        // the example graph defined anew: its first read here is checked on this database
        Relations example = Relations.define(io.jooqrelations.schema.DefaultSchema.DEFAULT_SCHEMA,
                io.jooqrelations.example.AppRelations::declare);
        NestedReads reads = NestedReads.using(jit.listening(DB.dsl()), example);
        fourLevels(reads).findManyJson();
        fourLevels(reads).findMany();
        assertThat(jit.values()).as("JitGuard.AUTO: the trap found, each read guarded").containsExactly("off", "off");

        jit.clear();
        fourLevels(reads.withJitGuard(JitGuard.OFF)).findManyJson();
        assertThat(jit.values()).as("JitGuard.OFF").containsExactly("on");
    }

    @Test
    @Order(4)
    void concurrentFirstReadsOfAGraphWaitForItsCheckAndAreAllGuarded() throws Exception {
        JitAtStatements jit = new JitAtStatements();
        Relations fresh = Relations.define(io.jooqrelations.schema.DefaultSchema.DEFAULT_SCHEMA,
                io.jooqrelations.example.AppRelations::declare);
        NestedReads reads = NestedReads.using(jit.listening(org.jooq.impl.DSL.using(DB.dataSource(), DB.dialect())),
                fresh);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> reading = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reading.add(threads.submit(() -> fourLevels(reads).findManyJson()));
            }
            for (java.util.concurrent.Future<String> read : reading) {
                assertThat(read.get(1, java.util.concurrent.TimeUnit.MINUTES)).startsWith("[");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(jit.values()).as("no first read went unguarded while the check ran").hasSize(8)
                .containsOnly("off");
    }

    @Test
    @Order(5)
    void theFirstReadOfAGraphOnNeverAnalyzedTablesWarnsOnceWithTheFixAndOutsideTheReadsStatements() {
        Relations fresh = Relations.define(r -> r.table(INVOICES).many("lineItems", INVOICE_LINE_ITEMS,
                io.jooqrelations.relations.Link.from(INVOICES.ID).to(INVOICE_LINE_ITEMS.INVOICE_ID)));
        DB.counter().reset();
        String first = warningsOf(() -> NestedReads.using(DB.dsl(), fresh).from(INVOICES).with("lineItems").findMany());
        assertThat(first).contains("PostgreSQL's JIT is on and 2 table(s) of the relations graph were never analyzed "
                + "(invoice_line_items, invoices)").contains("run ANALYZE after migrating")
                .contains("nested reads of the graph with JitGuard.AUTO (the default) run with JIT off")
                .contains("alter role <app_user> set jit = off");
        assertThat(DB.counter().count()).as("the check is not one of the read's statements").isEqualTo(1);
        assertThat(warningsOf(() -> NestedReads.using(DB.dsl(), fresh).from(INVOICES).with("lineItems").findManyJson()))
                .as("once per graph").doesNotContain("JIT");
    }

    @Test
    @Order(6)
    void tablesOfOtherSchemasAndWithQuotedNamesAreFoundByTheirOwnSchema() {
        Relations graph = RealWorldGraph.define();
        String warned = warningsOf(() -> NestedReads.using(REAL_WORLD.dsl(), graph)
                .from(RealWorldGraph.CRM_ACCOUNTS).findMany());
        assertThat(warned).contains(graph.tables().size() + " table(s) of the relations graph were never analyzed")
                .contains("auth.accounts").contains("crm.accounts");
    }

    @Test
    @Order(7)
    void theCheckInsideTheCallersTransactionLeavesItUsable() {
        Relations fresh = Relations.define(r -> r.table(ORGANIZATIONS).many("invoices", INVOICES,
                io.jooqrelations.relations.Link.from(ORGANIZATIONS.ID).to(INVOICES.ORGANIZATION_ID)));
        String warned = warningsOf(() -> DB.dsl().transaction(transaction -> {
            NestedReads.using(org.jooq.impl.DSL.using(transaction), fresh).from(ORGANIZATIONS).with("invoices").findMany();
            assertThat(org.jooq.impl.DSL.using(transaction).fetchValue("select count(*) from organizations"))
                    .isNotNull();
        }));
        assertThat(warned).contains("were never analyzed (invoices, organizations)");
    }

    @Test
    @Order(8)
    void analyzedTablesAreNotWarnedAbout() {
        DB.dsl().execute("analyze users");
        Relations analyzed = Relations.define(r -> r.table(USERS).many("assignedInvoices", INVOICES,
                io.jooqrelations.relations.Link.from(USERS.ID).to(INVOICES.ASSIGNED_TO_ID)));
        assertThat(warningsOf(() -> NestedReads.using(DB.dsl(), analyzed).from(USERS).findMany()))
                .as("users is analyzed, invoices is not").contains("were never analyzed (invoices)");
        DB.dsl().execute("analyze invoices");
        Relations both = Relations.define(r -> r.table(USERS).many("assignedInvoices", INVOICES,
                io.jooqrelations.relations.Link.from(USERS.ID).to(INVOICES.ASSIGNED_TO_ID)));
        assertThat(warningsOf(() -> NestedReads.using(DB.dsl(), both).from(USERS).findMany())).doesNotContain("JIT");
    }

    /** The example graph's 4-level read of the issue. */
    private static Read<OrganizationsRecord> fourLevels(NestedReads reads) {
        return reads.from(ORGANIZATIONS).with("invoices", i -> i
                .with("tags", t -> t.with("invoices"))
                .with("comments", c -> c.with("author")));
    }

    /** What the library logged to standard error (slf4j-simple's target) while {@code read} ran. */
    private static String warningsOf(Runnable read) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            read.run();
        } finally {
            System.setErr(before);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The JSON plan of {@code sql}, run. */
    private static String explain(String sql) {
        return DB.dsl().fetchValue("explain (analyze, format json) " + sql).toString();
    }
}
