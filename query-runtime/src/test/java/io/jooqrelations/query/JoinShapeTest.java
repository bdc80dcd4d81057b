package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.ReadyDatabase;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The top level's to-many relations read correlated (a subquery per parent row) or grouped (all parents' children
 * aggregated at once and joined): the same result in one statement either way, the shape chosen by
 * {@link JoinShape#AUTO}'s rule or forced.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "JoinShape.GROUPED is PostgreSQL only (see DialectSupport)")
class JoinShapeTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @RegisterExtension
    static final MigratedDatabase REAL = new MigratedDatabase(RealWorldGraph.LOCATION);

    /** Invoices with line items, tags (through the junction), a filtered relation's parent and a nested to-one. */
    private static Read<?> invoices() {
        return DB.get().from(INVOICES).where(INVOICES.NUMBER.ne("none")).orderBy(INVOICES.ID)
                .whereHas("organization", o -> o.where(ORGANIZATIONS.SLUG.isNotNull()))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION.desc()).with("invoice"))
                .with("tags", t -> t.orderBy(TAGS.NAME))
                .with("organization", o -> o.with("openInvoices", oi -> oi.orderBy(INVOICES.ID)));
    }

    private static Object read(Supplier<Read<?>> read, JoinShape shape) {
        DB.counter().reset();
        Object result = QueryPerLevelStrategyTest.normalize(read.get().joinShape(shape).findMany());
        assertThat(DB.counter().count()).isEqualTo(1);
        return result;
    }

    @Test
    void everyShapeReadsTheSameTreeInOneStatement() {
        Object correlated = read(JoinShapeTest::invoices, JoinShape.CORRELATED);
        assertThat(read(JoinShapeTest::invoices, JoinShape.GROUPED)).isEqualTo(correlated);
        assertThat(read(JoinShapeTest::invoices, JoinShape.AUTO)).isEqualTo(correlated);
        Supplier<Read<?>> limited = () -> invoices().limit(2).offset(1);
        assertThat(read(limited, JoinShape.GROUPED)).isEqualTo(read(limited, JoinShape.CORRELATED));
        Supplier<Read<?>> organizations = () -> DB.get().from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID)
                .with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user"))
                .with("openInvoices", i -> i.with("tags"));
        assertThat(read(organizations, JoinShape.GROUPED)).isEqualTo(read(organizations, JoinShape.CORRELATED));
        // records map from either shape
        Supplier<Read<?>> items = () -> DB.get().from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION));
        List<InvoiceWithItems> grouped = items.get().joinShape(JoinShape.GROUPED).findMany(InvoiceWithItems.class);
        assertThat(grouped).isEqualTo(items.get().joinShape(JoinShape.CORRELATED).findMany(InvoiceWithItems.class));
        assertThat(grouped.get(0).lineItems()).extracting(Item::description).containsExactly("Licence", "Support", "Training");
        assertThat(grouped.get(1).lineItems()).isEmpty();
    }

    record Item(int position, String description) {
    }

    record InvoiceWithItems(long id, String number, List<Item> lineItems) {
    }

    @Test
    void autoGroupsOnlyAnUnindexedRelationOfAReadWithoutALimitAtTheTop() {
        // every link of the example schema is indexed: correlated subqueries are index lookups, AUTO keeps them
        assertThat(invoices().toSQL()).doesNotContain("group by");
        // tenant_id has no index on crm.accounts nor on crm."Customers"; "Orders" lead with customer_id in their key
        NestedReads realWorld = NestedReads.using(REAL.dsl(), RealWorldGraph.RELATIONS);
        Supplier<Read<?>> tenants = () -> realWorld.from(io.jooqrelations.realworld.crm.Tables.TENANTS)
                .with("crmAccounts").with("customers", c -> c.with("orders"));
        assertThat(tenants.get().toSQL().split("group by", -1)).hasSize(3);
        assertThat(tenants.get().toSQL()).contains("group by \"crm\".\"accounts\".\"tenant_id\"")
                .contains("group by \"crm\".\"Customers\".\"tenant_id\"");
        Supplier<Read<?>> customers = () -> realWorld.from(io.jooqrelations.realworld.crm.Tables.CUSTOMERS).with("orders");
        assertThat(customers.get().toSQL()).doesNotContain("group by");
        assertThat(customers.get().joinShape(JoinShape.GROUPED).toSQL()).contains("group by");
        assertThat(tenants.get().limit(10).toSQL()).doesNotContain("group by");
        assertThat(tenants.get().offset(1).toSQL()).doesNotContain("group by");
        REAL.counter().reset();
        tenants.get().findFirst();
        assertThat(REAL.counter().statements()).singleElement().satisfies(sql -> assertThat(sql).doesNotContain("group by"));
        assertThat(tenants.get().joinShape(JoinShape.CORRELATED).toSQL()).doesNotContain("group by");
        assertThat(tenants.get().joinShape(JoinShape.GROUPED).toSQL().split("group by", -1)).hasSize(3);
        assertThat(QueryPerLevelStrategyTest.normalize(tenants.get().findMany())).isEqualTo(
                QueryPerLevelStrategyTest.normalize(tenants.get().joinShape(JoinShape.CORRELATED).findMany()));
        // forced under a limit, the parent set is the top level's own select, limit included
        assertThat(invoices().limit(2).joinShape(JoinShape.GROUPED).toSQL()).contains("group by")
                .contains("order by \"invoices\".\"id\" fetch next 2 rows only) group by");
        // a per-parent limit and a self-reference stay correlated
        assertThat(DB.get().from(INVOICES).with("lineItems", li -> li.limit(1)).toSQL()).doesNotContain("group by");
        assertThat(DB.get().from(io.jooqrelations.schema.Tables.COMMENTS).with("replies").toSQL()).doesNotContain("group by");
    }

    @Test
    void pagesWalkTheSameRowsWithTheirRelationsWhateverTheShape() {
        Object all = QueryPerLevelStrategyTest.normalize(DB.get().from(INVOICES).orderBy(INVOICES.ID).with("lineItems")
                .with("tags").joinShape(JoinShape.CORRELATED).findMany());
        for (JoinShape shape : JoinShape.values()) {
            List<Object> walked = new java.util.ArrayList<>();
            String cursor = null;
            do {
                Page<?> page = DB.get().from(INVOICES).orderBy(INVOICES.ID).with("lineItems").with("tags").joinShape(shape)
                        .after(cursor).findPage(2);
                walked.addAll((List<?>) QueryPerLevelStrategyTest.normalize(page.rows()));
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null);
            assertThat(walked).as(shape.name()).isEqualTo(all);
        }
    }

    @Test
    void preparedAndStreamedReadsKeepTheirShape() {
        PreparedRead<?> prepared = DB.get().from(INVOICES).where(INVOICES.ORGANIZATION_ID.eq(DSL.param("org", Long.class)))
                .orderBy(INVOICES.ID).with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags")
                .joinShape(JoinShape.GROUPED).prepare();
        Object expected = QueryPerLevelStrategyTest.normalize(DB.get().from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(ExampleData.ACME)).orderBy(INVOICES.ID)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags")
                .joinShape(JoinShape.CORRELATED).findMany());
        assertThat(QueryPerLevelStrategyTest.normalize(prepared.findMany(java.util.Map.of("org", ExampleData.ACME))))
                .isEqualTo(expected);
        List<Object> streamed = DB.dsl().transactionResult(tx -> {
            try (java.util.stream.Stream<? extends Node<?>> rows = NestedReads.using(tx.dsl(), RELATIONS).from(INVOICES)
                    .where(INVOICES.ORGANIZATION_ID.eq(ExampleData.ACME)).orderBy(INVOICES.ID)
                    .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags")
                    .joinShape(JoinShape.GROUPED).stream(1)) {
                return rows.map(QueryPerLevelStrategyTest::normalize).toList();
            }
        });
        assertThat(streamed).isEqualTo(expected);
    }
}
