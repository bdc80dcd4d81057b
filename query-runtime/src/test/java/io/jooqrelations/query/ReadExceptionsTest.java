package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.test.MigratedDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of failure surfaces as its own documented type on every path a read runs — single statement, JSON, query
 * per level, prepared, stream — whatever path produced it: the executor's translation is the only one. (A timeout and
 * an interrupt on every path: StatementTimeoutTest and CancellationTest.)
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "streams need PostgreSQL; the other dialects' refusals are read on "
        + "contexts of their own, without a database")
class ReadExceptionsTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    /** Every path a read runs, by name: each runs the read and reads what it returns. */
    private static Map<String, Function<Read<?>, Object>> paths() {
        Map<String, Function<Read<?>, Object>> paths = new LinkedHashMap<>();
        paths.put("single statement", Read::findMany);
        paths.put("JSON", Read::findManyJson);
        paths.put("query per level", read -> read.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        paths.put("prepared", read -> read.prepare().findMany(Map.of()));
        paths.put("stream", read -> DB.dsl().transactionResult(transaction -> {
            try (java.util.stream.Stream<? extends Node<?>> rows = read.stream(1)) {
                return rows.toList();
            }
        }));
        return paths;
    }

    @Test
    void aRequiredRelationWithoutARowIsADataErrorOnEveryPath() {
        Relations strict = Relations.define(r -> r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).optional(false)));
        paths().forEach((path, run) -> assertThatThrownBy(() -> run.apply(
                readsFor(strict).from(INVOICES).where(INVOICES.ID.eq(INV_2)).columns(INVOICES.ID).with("assignee")))
                .as(path).isInstanceOf(ReadDataException.class)
                .hasMessageStartingWith("Relation invoices.assignee is declared optional(false), but the invoices row "
                        + "{id=" + INV_2 + "} has no users row"));
    }

    @Test
    void aValueItsConverterRefusesIsADataErrorWithoutTheSqlOnEveryTypedPath() {
        Field<String> refused = INVOICE_LINE_ITEMS.DESCRIPTION.convertFrom(description -> {
            throw new IllegalArgumentException("no description reads as " + description);
        });
        Map<String, Function<Read<?>, Object>> typed = paths();
        typed.remove("JSON");   // JSON values are text the database wrote: no converter reads them
        typed.forEach((path, run) -> {
            // the top level (read by jOOQ) and a nested level (read by the library on PostgreSQL)
            assertThatThrownBy(() -> run.apply(readsFor(RELATIONS).from(INVOICE_LINE_ITEMS)
                    .extra("refused", refused)))
                    .as(path + ", top level").isInstanceOf(ReadDataException.class)
                    .hasMessageStartingWith("A value read at invoice_line_items could not be converted to its Java type")
                    .hasMessageContaining("no description reads as").hasMessageNotContaining("select");
            assertThatThrownBy(() -> run.apply(readsFor(RELATIONS).from(INVOICES)
                    .with("lineItems", li -> li.extra("refused", refused))))
                    .as(path + ", nested level").isInstanceOf(ReadDataException.class)
                    .hasMessageContaining("no description reads as").hasMessageNotContaining("select");
        });
    }

    @Test
    void aReadTheDialectCannotRunIsUnsupportedOnDialectOnEveryPathBeforeAnythingRuns() {
        NestedReads mariadb = NestedReads.using(DSL.using(SQLDialect.MARIADB), RELATIONS);   // no connection: nothing runs
        Supplier<Read<?>> tree = () -> mariadb.from(COMMENTS).withTree("replies", 5);
        for (Map.Entry<String, Function<Read<?>, Object>> path : paths().entrySet()) {
            assertThatThrownBy(() -> path.getValue().apply(tree.get())).as(path.getKey())
                    .isInstanceOf(UnsupportedOnDialectException.class)
                    .hasMessageContaining("is not supported on MariaDB")
                    .satisfies(e -> assertThat(((UnsupportedOnDialectException) e).dialect()).isEqualTo(SQLDialect.MARIADB));
        }
    }

    @Test
    void aReadThatCannotBeAnsweredAsAskedIsAnInvalidReadOnEveryPathBeforeAnythingRuns() {
        NestedReads reads = NestedReads.using(DB.dsl(), RELATIONS);
        for (Map.Entry<String, Function<Read<?>, Object>> path : paths().entrySet()) {
            DB.counter().reset();
            // found when the read is frozen: two columns of the relation's level under one key
            assertThatThrownBy(() -> path.getValue().apply(reads.from(INVOICES)
                    .with("lineItems", li -> li.key(INVOICE_LINE_ITEMS.DESCRIPTION, "position"))))
                    .as(path.getKey()).isExactlyInstanceOf(InvalidReadException.class)
                    .hasMessageStartingWith("Columns invoice_line_items.")
                    .hasMessageContaining("are both read under the key 'position' at invoices.lineItems");
            assertThat(DB.counter().statements()).as(path.getKey()).allMatch(sql -> !sql.contains("invoices"));
        }
    }

    @Test
    void whatTheCallersOwnCodeThrowsWhileConsumingAStreamIsNotTakenForTheReadsFailure() {
        org.jooq.exception.DataAccessException mine = new org.jooq.exception.DataAccessException("the caller's",
                new java.sql.SQLException("stopped", "57014"));
        assertThatThrownBy(() -> DB.dsl().transaction(transaction -> {
            try (java.util.stream.Stream<?> rows = readsFor(RELATIONS).from(INVOICES).stream(1)) {
                rows.forEach(row -> {
                    throw mine;
                });
            }
        })).isSameAs(mine);
    }

    /**
     * The reads of a test. The class's context holds one connection: the transaction a stream opens ({@link #paths()})
     * is on it, so a read built here streams inside it.
     */
    private static NestedReads readsFor(Relations relations) {
        return NestedReads.using(DB.dsl(), relations);
    }
}
