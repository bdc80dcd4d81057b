package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.ReadyDatabase;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every statement the library sends can be planned once: the read's shape (limits, offsets, JSON keys) is written into
 * the SQL and only values are bind parameters, so after pgjdbc's prepare threshold PostgreSQL switches the statement to
 * a reusable generic plan. A nested limit sent as a bind parameter kept PostgreSQL on custom plans forever (a full
 * planning on every run); this test reads {@code pg_prepared_statements} to prove the switch.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "it reads pg_prepared_statements")
class StatementCachingTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData(StatementCachingTest::insertBulkInvoices);

    /** pgjdbc prepares on the server from the 5th run; PostgreSQL tries 5 custom plans before a generic one. */
    private static final int RUNS = 15;

    /**
     * Enough invoices that a plan for "the first ? rows" differs from one for the first 20 (PostgreSQL's generic plan
     * guesses a bound limit at a tenth of the rows, so its cost no longer matches the custom plans').
     */
    private static void insertBulkInvoices(DSLContext dsl) {
        dsl.execute("insert into invoices (organization_id, number, total, created_at) "
                + "select 1 + g % 2, 'bulk-' || g, g % 1000, now() - g * interval '1 minute' from generate_series(1, 20000) g;"
                + "insert into invoice_line_items (invoice_id, position, description, quantity, unit_price) "
                + "select i.id, p, 'item', 1, 1 from invoices i, generate_series(1, 3) p where i.number like 'bulk-%';"
                + "analyze");
    }

    /** The dashboard read: the newest invoices with nested limits, line items, tags, members with their users. */
    private static Read<?> dashboard(long organization) {
        return DB.get().from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organization))
                .with("invoices", i -> i.orderBy(INVOICES.CREATED_AT.desc(), INVOICES.ID.desc()).limit(20).offset(0)
                        .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).limit(50))
                        .with("tags"))
                .with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user"));
    }

    @Test
    void theShapeIsWrittenIntoTheSqlAndOnlyValuesAreBound() {
        Read<?> read = dashboard(ExampleData.ACME);
        assertThat(read.bindValues()).containsExactly(ExampleData.ACME);
        assertThat(read.toSQL()).contains("offset 0 rows fetch next 20 rows only").contains("fetch next 50 rows only");
        DB.counter().reset();
        read.findManyJson();
        assertThat(DB.counter().statements()).singleElement().satisfies(sql -> assertThat(sql)
                .contains("'lineItems'").contains("'issuedOn'").doesNotContain("json_build_object(?"));
    }

    @Test
    void theTypedStatementGetsAGenericPlan() {
        assertThat(genericPlans(() -> dashboard(ExampleData.ACME).findMany(), "json_build_array")).isPositive();
    }

    @Test
    void theJsonStatementGetsAGenericPlan() {
        assertThat(genericPlans(() -> dashboard(ExampleData.GLOBEX).findManyJson(), "'lineItems'")).isPositive();
    }

    @Test
    void aPreparedReadGetsAGenericPlan() {
        PreparedRead<?> byOrganization = DB.get().from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(DSL.param("org", Long.class)))
                .with("invoices", i -> i.orderBy(INVOICES.ID).limit(3).with("organization")).prepare();
        assertThat(genericPlans(() -> byOrganization.findMany(java.util.Map.of("org", ExampleData.ACME)),
                "\"organization\"")).isPositive();
    }

    /** Runs the read {@value #RUNS} times on the test's one connection; the generic plans of its statement. */
    private static long genericPlans(Supplier<?> read, String marker) {
        DB.dsl().execute("deallocate all");
        for (int i = 0; i < RUNS; i++) {
            read.get();
        }
        Record plans = DB.dsl().resultQuery("select sum(generic_plans) g, sum(custom_plans) c, count(*) n "
                + "from pg_prepared_statements where statement like {0}", DSL.inline("%" + marker + "%")).fetchOne();
        assertThat(plans.get("n", Long.class)).as("the read's statement is prepared on the server").isEqualTo(1L);
        return plans.get("g", Long.class);
    }
}
