package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.query.internal.DialectSupport;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryPerLevelStrategyTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    /** The tree as plain values: selected columns, extras and relations by name. */
    static Object normalize(Object value) {
        if (value instanceof Node<?> node) {
            Map<String, Object> map = new LinkedHashMap<>(node.record().intoMap());
            map.put("@extras", node.extras());
            node.relations().forEach((k, v) -> map.put(k, normalize(v)));
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Optional<?> o) {
            return o.map(QueryPerLevelStrategyTest::normalize).orElse(null);
        }
        return value;
    }

    private static void assertSameBothWays(Supplier<Read<?>> read, int statementsPerLevel) {
        DB.counter().reset();
        Object single = normalize(read.get().findMany());
        assertThat(DB.counter().count()).isEqualTo(1);
        DB.counter().reset();
        Object perLevel = normalize(read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        assertThat(perLevel).isEqualTo(single);
        assertThat(DB.counter().count()).isEqualTo(statementsPerLevel);
    }

    @Test
    void invoiceDetailGivesTheSameTreeWithOneStatementPerLevel() {
        assertSameBothWays(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).omit(INVOICE_LINE_ITEMS.DESCRIPTION))
                .with("tags", t -> t.orderBy(TAGS.NAME).junctionColumns(io.jooqrelations.schema.Tables.INVOICE_TAGS.ADDED_AT))
                .with("organization").with("assignee").with("creator")
                .withCount("comments"), 6);
    }

    @Test
    void perParentLimitOffsetAndNestedConditionsMatchTheSingleStatement() {
        assertSameBothWays(() -> DB.get().from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID)
                .with("invoices", i -> i.orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID).limit(1)
                        .with("lineItems", li -> li.where(INVOICE_LINE_ITEMS.QUANTITY.ge(1)).orderBy(INVOICE_LINE_ITEMS.POSITION)
                                .offset(1).limit(1)))
                .with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user")), 5);
        assertSameBothWays(() -> DB.get().from(TAGS).orderBy(TAGS.ID)
                .with("invoices", i -> i.orderBy(INVOICES.ID.desc()).limit(1).with("tags", t -> t.orderBy(TAGS.NAME))), 3);
    }

    @Test
    void aDefaultStrategyOnNestedReadsAppliesToEveryReadThatChoosesNoneOfItsOwn() {
        NestedReads perLevel = DB.get().withStrategy(ReadStrategy.QUERY_PER_LEVEL);
        DB.counter().reset();
        Object tree = normalize(perLevel.from(INVOICES).orderBy(INVOICES.ID).with("lineItems").findMany());
        assertThat(DB.counter().count()).isEqualTo(2);
        DB.counter().reset();
        assertThat(normalize(perLevel.from(INVOICES).orderBy(INVOICES.ID).with("lineItems")
                .strategy(ReadStrategy.SINGLE_STATEMENT).findMany())).isEqualTo(tree);
        assertThat(DB.counter().count()).isEqualTo(1);
        // a per-level read has no typed statement to show before it runs; its JSON forms still run one statement
        ReadStatements statements = perLevel.from(INVOICES).with("lineItems").statements();
        assertThat(statements.findMany()).isNull();
        assertThat(statements.findManyJson()).contains("select");
    }

    @Test
    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse whereHas over a "
            + "self-reference on either strategy (DialectSupportTest)")
    void selfReferenceAndRelationFiltersWork() {
        assertSameBothWays(() -> DB.get().from(COMMENTS).where(COMMENTS.PARENT_ID.isNull()).orderBy(COMMENTS.ID)
                .whereHas("replies")
                .with("replies", r -> r.orderBy(COMMENTS.ID).with("replies", rr -> rr.orderBy(COMMENTS.ID).with("author"))), 4);
        assertSameBothWays(() -> DB.get().from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID).with("openInvoices"), 2);
    }

    /**
     * The transaction a statement runs in: on PostgreSQL as the server sees it (isolation, read-only, and when it started:
     * equal for statements of one transaction), elsewhere as the JDBC connection reports it.
     */
    private static String transactionState(java.sql.Connection connection) throws java.sql.SQLException {
        if (!TestDialect.postgres()) {
            return connection.getAutoCommit() + " " + connection.isReadOnly() + " " + connection.getTransactionIsolation();
        }
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("select "
                + "current_setting('transaction_isolation'), current_setting('transaction_read_only'), now()::text")) {
            rs.next();
            return rs.getString(1) + ", " + ("on".equals(rs.getString(2)) ? "read only" : "read write")
                    + ", transaction started at " + rs.getString(3);
        }
    }

    @Test
    void itsStatementsShareOneReadOnlySnapshotAndLeaveTheConnectionAsTheyFoundIt() throws Exception {
        java.sql.Connection connection = DB.dsl().configuration().connectionProvider().acquire();
        int initialIsolation = connection.getTransactionIsolation();
        List<String> seen = new ArrayList<>();
        org.jooq.DSLContext watched = DB.dsl().configuration().derive(new org.jooq.impl.DefaultExecuteListenerProvider(
                new org.jooq.ExecuteListener() {
                    @Override
                    public void executeStart(org.jooq.ExecuteContext ctx) {
                        try {
                            seen.add(transactionState(ctx.connection()));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                })).dsl();
        NestedReads watchedReads = NestedReads.using(watched, RELATIONS);
        watchedReads.from(INVOICES).with("lineItems").strategy(ReadStrategy.QUERY_PER_LEVEL).findMany();
        // PostgreSQL: one transaction started in SQL (the JDBC settings stay as they are; now() is its start);
        // SQLite: its transactions are serializable snapshots, and its driver fixes read-only when it connects
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(0)).startsWith(switch (TestDialect.current()) {
            case POSTGRES -> "repeatable read, read only, transaction started at ";
            case SQLITE -> "false false " + java.sql.Connection.TRANSACTION_SERIALIZABLE;
            default -> "false true " + java.sql.Connection.TRANSACTION_REPEATABLE_READ;
        });
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(connection.isReadOnly()).isFalse();
        assertThat(connection.getTransactionIsolation()).isEqualTo(initialIsolation);

        // a failing read rolls its transaction back and restores the connection too
        seen.clear();
        assertThatThrownBy(() -> watchedReads.from(INVOICES)
                .with("lineItems", li -> li.where(org.jooq.impl.DSL.condition("no_such_column = 1")))
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany())
                .isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(connection.isReadOnly()).isFalse();
        assertThat(DB.dsl().fetchValue("select 1")).isEqualTo(1);

        // inside the caller's transaction the statements run in it, as they are
        seen.clear();
        watched.transaction(tx -> NestedReads.using(tx.dsl(), RELATIONS).from(INVOICES).with("lineItems")
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        String callers = TestDialect.postgres() ? "read committed, read write, transaction started at "
                : "false false " + initialIsolation;
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(0)).startsWith(callers);
        assertThat(connection.getAutoCommit()).isTrue();
        // one level is one statement: no transaction needed
        seen.clear();
        watchedReads.from(INVOICES).strategy(ReadStrategy.QUERY_PER_LEVEL).findMany();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).startsWith(TestDialect.postgres() ? "read committed, read write, transaction started at "
                : "true false " + initialIsolation);
    }

    @Test
    void emptyParentsSkipTheirChildQueries() {
        DB.counter().reset();
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(-1L)).with("lineItems", li -> li.with("invoice"))
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()).isEmpty();
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(DB.counter().statements().get(0)).doesNotContain("any");
    }

    @Test
    void childQueriesBindAllParentKeysAsOneArray() {
        DB.counter().reset();
        DB.get().from(INVOICES).with("lineItems").strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst();
        // PostgreSQL binds the keys as one array; the other dialects list them (in batches under their bind limits)
        assertThat(DB.counter().statements().get(1))
                .contains(TestDialect.postgres() ? "= any (cast(? as bigint[]))" : "in (?)");
        assertThatThrownBy(() -> DB.get().from(COMMENTS).withTree("replies", 5).strategy(ReadStrategy.QUERY_PER_LEVEL).findMany())
                .isInstanceOf(InvalidReadException.class)
                .hasMessage(DialectSupport.of(DB.dialect()).supports(DialectSupport.Feature.TREE)
                        ? "withTree(\"replies\") on comments needs ReadStrategy.SINGLE_STATEMENT (a tree is one recursive query)."
                        : "withTree(\"replies\") on comments is not supported on " + DialectSupport.of(DB.dialect())
                                .displayName() + " (withTree(...): a self-reference to its full depth with WITH "
                                + "RECURSIVE (a recursive CTE inside the correlated subquery)). Instead, read a fixed "
                                + "depth with withRecursive(relation, depth, ...).");
    }

    @Test
    void eachLevelSelectsOnlyItsColumnsAndTheKeysItsChildrenNeed() {
        assertSameBothWays(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID).columns(INVOICES.NUMBER)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).columns(INVOICE_LINE_ITEMS.DESCRIPTION))
                .with("assignee", a -> a.columns(USERS.EMAIL)), 3);
        DB.counter().reset();
        DB.get().from(INVOICES).columns(INVOICES.NUMBER).with("assignee", a -> a.columns(USERS.EMAIL))
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany();
        // the invoices need their assignee key to look the users up, but not the other eight columns
        assertThat(TestDialect.unquoted(DB.counter().statements().get(0)))
                .startsWith("select invoices.number, invoices.assigned_to_id from");
    }
}
