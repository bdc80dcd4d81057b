package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.test.MigratedDatabase;
import java.time.Duration;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read's statement timeout on every dialect that has one: the database stops the statement, the read fails with
 * jOOQ's exception within about the timeout, and the connection stays usable. (SQLite's driver does not stop a running
 * statement at its query timeout, so SQLite refuses timeouts: DialectSupportTest.)
 */
@RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.MARIADB}, because = "SQLite's driver does not stop a running "
        + "statement at its query timeout, so SQLite refuses timeout(...) (DialectSupportTest)")
class StatementTimeoutTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    /** A value that takes five seconds per row to compute, in the dialect's SQL. */
    private static Field<Integer> slow() {
        return TestDialect.postgres() ? DSL.field("(select 1 from pg_sleep(5))", Integer.class)
                : DSL.field("sleep(5)", Integer.class);
    }

    @Test
    void aTimeoutStopsTheStatementInTheDatabaseAndLeavesTheConnectionUsable() {
        NestedReads reads = NestedReads.using(DB.dsl(), RELATIONS);
        long started = System.nanoTime();
        assertTimesOut(() -> reads.from(INVOICES).extra("slow", slow()).with("lineItems")
                .timeout(Duration.ofSeconds(1)).findMany());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        // a default timeout on the NestedReads applies to every read that sets none of its own, JSON included
        NestedReads bounded = reads.withTimeout(Duration.ofSeconds(1));
        long json = System.nanoTime();
        assertTimesOut(() -> bounded.from(INVOICES).extra("slow", slow()).findManyJson());
        assertThat(Duration.ofNanos(System.nanoTime() - json)).isLessThan(Duration.ofSeconds(4));
        assertThat(reads.from(INVOICES).with("lineItems").findMany()).hasSize(3);
    }

    /** Every way a read runs surfaces a timeout as the same type, its message without the statement. */
    @Test
    void aTimeoutIsAReadTimeoutExceptionOnEveryPath() {
        NestedReads bounded = NestedReads.using(DB.dsl(), RELATIONS).withTimeout(Duration.ofSeconds(1));
        assertTimesOut(() -> bounded.from(INVOICES).extra("slow", slow()).findFirst());
        assertTimesOut(() -> bounded.from(INVOICES).extra("slow", slow()).strategy(ReadStrategy.QUERY_PER_LEVEL)
                .with("lineItems").findMany());
        assertTimesOut(() -> bounded.from(INVOICES).extra("slow", slow()).prepare().findMany(java.util.Map.of()));
        assertTimesOut(() -> bounded.from(INVOICES).extra("slow", slow()).prepare().findFirstJson(java.util.Map.of()));
        if (TestDialect.postgres()) {   // streams need PostgreSQL (DialectSupportTest)
            assertTimesOut(() -> DB.dsl().transactionResult(transaction -> {
                try (java.util.stream.Stream<?> rows = NestedReads.using(DSL.using(transaction), RELATIONS)
                        .withTimeout(Duration.ofSeconds(1)).from(INVOICES).extra("slow", slow()).stream(1)) {
                    return rows.toList();
                }
            }));
        }
        assertThat(bounded.from(INVOICES).findMany()).hasSize(3);
    }

    private static void assertTimesOut(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOf(ReadTimeoutException.class)
                .hasMessageStartingWith("The read's statement was stopped in the database before it finished: it ran longer "
                        + "than its timeout, or was cancelled there (SQLSTATE ")
                .hasMessageNotContaining("sleep")
                .hasCauseInstanceOf(org.jooq.exception.DataAccessException.class)
                .satisfies(e -> assertThat(((ReadTimeoutException) e).sqlState()).isIn("57014", "70100"));
    }
}
