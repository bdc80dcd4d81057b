package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Which dialects nested reads accept, and what each refuses when the read is built (no database needed: a refusal
 * happens before any SQL is sent). What each dialect runs is proved by the whole suite on that dialect.
 */
class DialectSupportTest {

    private static NestedReads on(SQLDialect dialect) {
        return NestedReads.using(DSL.using(dialect), RELATIONS);
    }

    @Test
    void anUnsupportedDialectIsRefusedAtOnceWithTheSupportedOnesListed() {
        assertThatThrownBy(() -> on(SQLDialect.DERBY))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("NestedReads.using(...) was given a DSLContext for DERBY; nested reads support "
                        + "SQLDialect.POSTGRES, SQLDialect.MARIADB, SQLDialect.MYSQL and SQLDialect.SQLITE. Create the "
                        + "DSLContext with one of them, e.g. DSL.using(dataSource, SQLDialect.POSTGRES).");
        assertThatThrownBy(() -> on(SQLDialect.H2)).hasMessageContaining("given a DSLContext for H2");
    }

    @Test
    void everySupportedDialectRendersANestedReadInItsOwnSql() {
        assertThat(on(SQLDialect.POSTGRES).from(INVOICES).with("lineItems").toSQL()).contains("json_agg");
        assertThat(on(SQLDialect.MARIADB).from(INVOICES).with("lineItems").toSQL()).contains("group_concat");
        assertThat(on(SQLDialect.MYSQL).from(INVOICES).with("lineItems").toSQL()).contains("group_concat");
        assertThat(on(SQLDialect.SQLITE).from(INVOICES).with("lineItems").toSQL()).contains("json_group_array");
    }

    @Test
    void aNestedLimitIsASliceOnMariaDbAndRefusedOnMySqlNamingTheLevelAndTheAlternative() {
        // MariaDB cannot limit inside the correlated subquery (jOOQ's derived table cannot see the parent row): the
        // level's ordered rows are aggregated and sliced with a JSON path range
        assertThat(on(SQLDialect.MARIADB).from(ORGANIZATIONS)
                .with("invoices", i -> i.orderBy(INVOICES.ISSUED_ON.desc()).offset(2).limit(20)).toSQL())
                .contains("json_extract(").contains("'$[2 to 21]'");
        assertThatThrownBy(() -> on(SQLDialect.MYSQL).from(ORGANIZATIONS)
                .with("invoices", i -> i.orderBy(INVOICES.ISSUED_ON.desc()).limit(20)).toSQL())
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("with(\"invoices\") on organizations is not supported on MySQL (limit(...) or offset(...) "
                        + "on a nested level, and to-ones through a junction (one row of several)). Instead, read the "
                        + "relation with .strategy(ReadStrategy.QUERY_PER_LEVEL) (typed reads: per-parent windows in one "
                        + "snapshot), or leave out the nested limit/offset.");
        assertThatThrownBy(() -> on(SQLDialect.MYSQL).from(ORGANIZATIONS)
                .with("invoices", i -> i.with("lineItems", l -> l.offset(1))).findMany())
                .hasMessageStartingWith("with(\"lineItems\") on organizations.invoices is not supported on MySQL");
        // the top level's own limit is not nested: it is a plain LIMIT
        assertThat(on(SQLDialect.MYSQL).from(ORGANIZATIONS).limit(5).with("invoices").toSQL()).contains("limit 5");
    }

    @Test
    void mariaDbRefusesSelfReferencesNestedOrFilteredAtAnyDepth() {
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(COMMENTS).with("replies").toSQL())
                .hasMessageStartingWith("with(\"replies\") on comments is not supported on MariaDB (a self-referential "
                        + "relation");
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(INVOICES)
                .with("comments", c -> c.whereHas("replies", r -> { })).findMany())
                .hasMessageStartingWith("whereHas(\"replies\") on invoices.comments is not supported on MariaDB");
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(INVOICES)
                .whereHas("comments", c -> c.whereHasNo("replies", r -> { })).toSQL())
                .hasMessageStartingWith("whereHas(\"replies\") on invoices is not supported on MariaDB")
                .hasMessageEndingWith("Instead, write the condition over an aliased copy of the table, e.g. "
                        + "COMMENTS.ID.in(select(REPLY.PARENT_ID).from(REPLY)) with REPLY = COMMENTS.as(\"reply\").");
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(COMMENTS).strategy(ReadStrategy.QUERY_PER_LEVEL)
                .whereHas("replies").findMany())
                .hasMessageStartingWith("whereHas(\"replies\") on comments is not supported on MariaDB");
        // a self-referential key lookup is a join of the aliased table: it runs everywhere
        assertThat(on(SQLDialect.MARIADB).from(COMMENTS).with("parent").toSQL()).contains("left outer join `comments` as `parent`");
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(COMMENTS).withRecursive("replies", 2, l -> { }).toSQL())
                .hasMessageStartingWith("with(\"replies\") on comments is not supported on MariaDB");
    }

    @Test
    void sqliteRunsNestedLimitsSelfReferencesAndTreesMariaDbNoTrees() {
        assertThat(on(SQLDialect.SQLITE).from(COMMENTS).with("replies", r -> r.limit(2)).toSQL()).contains("limit 2");
        // SQLite's tree carries its path of keys as text ('/1/4/'), PostgreSQL's as an array
        assertThat(on(SQLDialect.SQLITE).from(COMMENTS).withTree("replies", 5).toSQL()).contains("with recursive")
                .doesNotContain("array_append");
        assertThatThrownBy(() -> on(SQLDialect.SQLITE).from(INVOICES).withTree("comments", 5).toSQL())
                .isInstanceOf(InvalidReadException.class);
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(COMMENTS).withTree("replies", 5).toSQL())
                .hasMessage("withTree(\"replies\") on comments is not supported on MariaDB (withTree(...): a "
                        + "self-reference to its full depth with WITH RECURSIVE (a recursive CTE inside the correlated "
                        + "subquery)). Instead, read a fixed depth with withRecursive(relation, depth, ...).");
    }

    @Test
    void postgresOnlyOperationsAreRefusedWhereTheyAreCalledAndJsonIsBuiltEverywhere() {
        NestedReads sqlite = on(SQLDialect.SQLITE);
        // JSON is built by every dialect, in its own functions
        assertThat(sqlite.from(INVOICES).with("lineItems").statements().findManyJson()).contains("json_group_array");
        assertThat(on(SQLDialect.MARIADB).from(INVOICES).with("lineItems").statements().findManyJson())
                .contains("json_object");
        assertThatThrownBy(() -> sqlite.from(INVOICES).joinShape(JoinShape.GROUPED))
                .hasMessageStartingWith("joinShape(JoinShape.GROUPED) on invoices is not supported on SQLite");
        assertThatThrownBy(() -> sqlite.from(INVOICES).timeout(Duration.ofSeconds(1)))
                .hasMessageStartingWith("timeout(PT1S) on invoices is not supported on SQLite");
        assertThatThrownBy(() -> sqlite.withTimeout(Duration.ofSeconds(1)))
                .hasMessageStartingWith("withTimeout(PT1S) on these NestedReads is not supported on SQLite");
        assertThat(on(SQLDialect.MARIADB).withTimeout(Duration.ofSeconds(1)).from(INVOICES).timeout(Duration.ofSeconds(2))
                .toSQL()).contains("select");   // MariaDB stops statements itself (StatementTimeoutTest)
        assertThatThrownBy(() -> on(SQLDialect.MARIADB).from(INVOICES).stream(10))
                .hasMessageStartingWith("stream(10) on invoices is not supported on MariaDB");
        // what is refused for one statement is what QUERY_PER_LEVEL is there for
        assertThat(on(SQLDialect.MARIADB).from(COMMENTS).strategy(ReadStrategy.QUERY_PER_LEVEL)
                .with("replies", r -> r.limit(1)).statements().findMany()).isNull();
    }

    @Test
    void theSupportMatrixListsEveryDialectAndEveryRefusalWithItsAlternative() {
        String matrix = io.jooqrelations.query.internal.DialectSupport.matrix();
        assertThat(matrix.lines().findFirst().orElseThrow())
                .isEqualTo("| feature | PostgreSQL | MariaDB | MySQL (not tested) | SQLite |");
        assertThat(matrix).contains("| withTree(...): a self-reference to its full depth with WITH RECURSIVE (a recursive "
                + "CTE inside the correlated subquery) | yes | no: read a fixed depth with withRecursive(relation, depth, "
                + "...) |");
    }
}
