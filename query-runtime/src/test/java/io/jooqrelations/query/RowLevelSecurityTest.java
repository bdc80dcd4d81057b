package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.GLOBEX;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL row-level security under nested reads, as the guide recommends it: policies on
 * {@code current_setting('app.organization_id')}, set per transaction with {@code set_config(..., true)} (= {@code set
 * local}) for a role that is not the tables' owner. The nested read stays one statement, and the database filters every
 * level of it, including relations reached from shared tables.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "row-level security policies are PostgreSQL's")
class RowLevelSecurityTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    private static final String ROLE = "nested_reads_rls_reader";

    @BeforeAll
    static void protect() {
        DSLContext dsl = DB.dsl();
        // roles are cluster-wide and other test classes share the server
        dsl.execute("do $$ begin create role " + ROLE + " nologin; exception when duplicate_object then null; end $$");
        dsl.execute("grant select on all tables in schema public to " + ROLE);
        // after a first set_config on a connection, an unset setting reads '' instead of null: nullif keeps it failing closed
        String tenant = "organization_id = nullif(current_setting('app.organization_id', true), '')::bigint";
        dsl.execute("alter table invoices enable row level security");
        dsl.execute("create policy tenant on invoices using (" + tenant + ")");
        dsl.execute("alter table memberships enable row level security");
        dsl.execute("create policy tenant on memberships using (" + tenant + ")");
        // line items follow their invoice: the subquery is itself filtered by the invoices policy
        dsl.execute("alter table invoice_line_items enable row level security");
        dsl.execute("create policy tenant on invoice_line_items using "
                + "(exists (select 1 from invoices i where i.id = invoice_id))");
    }

    /** Runs {@code read} in a transaction as the restricted role, with the tenant setting (if any) set locally. */
    private static <T> T asTenant(Long organization, Function<NestedReads, T> read) {
        return DB.dsl().transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.execute("set local role " + ROLE);
            if (organization != null) {
                tx.execute("select set_config('app.organization_id', ?, true)", organization.toString());
            }
            DB.counter().reset();
            T result = read.apply(NestedReads.using(tx, RELATIONS));
            assertThat(DB.counter().count()).isEqualTo(1);
            return result;
        });
    }

    @Test
    void everyLevelOfANestedReadIsFilteredByThePolicies() {
        List<Node<?>> tags = asTenant(GLOBEX, reads -> List.copyOf(reads.from(TAGS).orderBy(TAGS.ID)
                .with("invoices", i -> i.orderBy(INVOICES.ID).with("lineItems").with("organization", o -> o.with("memberships")))
                .findMany()));
        List<Long> organizations = new ArrayList<>();
        int lineItems = 0;
        assertThat(tags).hasSize(3); // tags are shared: no policy
        for (Node<?> tag : tags) {
            for (Node<?> invoice : tag.many("invoices")) {
                assertThat(invoice.record().get(INVOICES.ORGANIZATION_ID)).isEqualTo(GLOBEX);
                lineItems += invoice.many("lineItems").size();
                Node<?> organization = invoice.one("organization").orElseThrow();
                organizations.add(organization.record().get(ORGANIZATIONS.ID));
                assertThat(organization.many("memberships")).isNotEmpty().allSatisfy(m -> assertThat(
                        m.record().get(io.jooqrelations.schema.Tables.MEMBERSHIPS.ORGANIZATION_ID)).isEqualTo(GLOBEX));
            }
        }
        // Globex has one invoice (tagged urgent) with one line item; Acme's two invoices and three items are invisible
        assertThat(organizations).containsExactly(GLOBEX);
        assertThat(lineItems).isEqualTo(1);
        List<Node<?>> items = asTenant(GLOBEX, reads -> List.copyOf(reads.from(INVOICE_LINE_ITEMS).findMany()));
        assertThat(items).hasSize(1);
    }

    @Test
    void withoutTheSettingNothingProtectedIsVisible() {
        List<Node<?>> organizations = asTenant(null, reads -> List.copyOf(reads.from(ORGANIZATIONS)
                .with("invoices", i -> i.with("lineItems")).findMany()));
        assertThat(organizations).hasSize(2).allSatisfy(o -> assertThat(o.many("invoices")).isEmpty());
    }
}
