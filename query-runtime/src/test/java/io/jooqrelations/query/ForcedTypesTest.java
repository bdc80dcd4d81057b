package io.jooqrelations.query;

import static io.jooqrelations.query.RealWorldGraph.AUTH_ACCOUNTS;
import static io.jooqrelations.query.RealWorldGraph.CRM_ACCOUNTS;
import static io.jooqrelations.realworld.crm.Tables.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.test.ReadyDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Columns with forced types — {@code crm.accounts.email} with a converter of text to text ({@code Trimmed}),
 * {@code crm.tenants.name} with a binding of the user's ({@code TrimmedTextBinding}) — read on every level and in
 * every shape as jOOQ reads them: converted. The library's own JSON decoder reads only values without a user's
 * converter or binding; a converter of a type to the same type must not look like none.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "the real-world schema's migrations exist for PostgreSQL only")
class ForcedTypesTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.realWorldWith(ForcedTypesTest::insertPaddedNames);

    private static void insertPaddedNames(DSLContext dsl) {
        dsl.execute("""
                insert into crm.tenants values ('a0000000-0000-0000-0000-000000000001', '  Acme  ');
                insert into crm.accounts values
                    ('c0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', '  ada@crm ', 'Ada');
                insert into auth.accounts values
                    (20, 'a0000000-0000-0000-0000-000000000001', 'ada', 'c0000000-0000-0000-0000-000000000001', 'u', 1);
                """);
    }

    @Test
    void aConverterOfTextToTextAppliesOnANestedLevel() {
        for (NestedReads way : List.of(DB.get(), DB.get().withoutRenderCache())) {
            for (JoinShape shape : JoinShape.values()) {
                Node<?> tenant = way.from(TENANTS).joinShape(shape).with("crmAccounts").findFirst().orElseThrow();
                assertThat(tenant.record().get(TENANTS.NAME)).as(shape.toString()).isEqualTo("Acme");
                assertThat(tenant.many("crmAccounts")).as(shape.toString())
                        .extracting(n -> n.record().get(CRM_ACCOUNTS.EMAIL)).containsExactly("ada@crm");
            }
        }
    }

    @Test
    void aBindingOfTheUsersAppliesOnNestedLevelsAndToOnes() {
        Node<?> login = DB.get().from(AUTH_ACCOUNTS)
                .with("tenant")
                .with("account", a -> a.with("tenant", t -> t.with("crmAccounts")))
                .findFirst().orElseThrow();
        assertThat(login.one("tenant").orElseThrow().record().get(TENANTS.NAME)).isEqualTo("Acme");
        Node<?> account = login.one("account").orElseThrow();
        assertThat(account.record().get(CRM_ACCOUNTS.EMAIL)).isEqualTo("ada@crm");
        Node<?> nestedTenant = account.one("tenant").orElseThrow();
        assertThat(nestedTenant.record().get(TENANTS.NAME)).isEqualTo("Acme");
        assertThat(nestedTenant.many("crmAccounts")).extracting(n -> n.record().get(CRM_ACCOUNTS.EMAIL))
                .containsExactly("ada@crm");

        Node<?> nested = DB.get().from(AUTH_ACCOUNTS).with("tenant", t -> t.with("crmAccounts").with("authAccounts"))
                .findFirst().orElseThrow();
        assertThat(nested.one("tenant").orElseThrow().record().get(TENANTS.NAME)).isEqualTo("Acme");
    }

    /**
     * The cache's guards refuse query parts jOOQ does not render itself and values with a user's binding; generated
     * tables of other schemas, with quoted names and forced types, are not such parts: their reads share statements.
     */
    @Test
    void readsOfGeneratedTablesInTwoSchemasWithForcedTypesShareTheirStatement() {
        long hits = DB.get().renderCache().hits();
        for (long id : new long[] {20, 21}) {
            DB.get().from(AUTH_ACCOUNTS).where(AUTH_ACCOUNTS.ID.eq(id))
                    .with("tenant", t -> t.with("crmAccounts")).with("account").findFirst();
        }
        assertThat(DB.get().renderCache().hits() - hits).isEqualTo(1);
    }

    @Test
    void aConditionBindingAUsersBindingFindsItsRows() {
        for (int i = 0; i < 2; i++) {
            assertThat(DB.get().from(TENANTS).where(TENANTS.NAME.eq("  Acme  ")).findMany()).hasSize(1);
            assertThat(DB.get().from(TENANTS).where(TENANTS.NAME.eq("Globex")).findMany()).isEmpty();
        }
    }

    @Test
    void preparedAndJsonReadsOfForcedTypesAgreeWithUnpreparedOnes() {
        Read<?> read = DB.get().from(TENANTS).with("crmAccounts", a -> a.with("logins"));
        assertThat(read.prepare().findMany(java.util.Map.of()).get(0).many("crmAccounts").get(0).record()
                .get(CRM_ACCOUNTS.EMAIL)).isEqualTo("ada@crm");
        // JSON is built by the database: values as stored, converters are Java's (docs/guarantees.md)
        assertThat(read.findManyJson()).contains("  ada@crm ");
    }
}
