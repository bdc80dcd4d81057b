package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.test.ReadyDatabase;
import org.junit.jupiter.api.Test;
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
class JitOnSystemServerTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @Test
    void theServerReallyHasAJitSoThisClassCannotPassVacuously() {
        assertThat(DB.dsl().fetchValue("select pg_jit_available()")).isEqualTo(true);
        assertThat(DB.dsl().fetchValue("show jit")).isEqualTo("on");
    }

    @Test
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

    /** The JSON plan of {@code sql}, run. */
    private static String explain(String sql) {
        return DB.dsl().fetchValue("explain (analyze, format json) " + sql).toString();
    }
}
