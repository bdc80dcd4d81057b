package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.RealWorldGraph.AUTH_ACCOUNTS;
import static io.jooqrelations.query.RealWorldGraph.CRM_ACCOUNTS;
import static io.jooqrelations.query.RealWorldGraph.RELATIONS;
import static io.jooqrelations.realworld.auth.Tables.FOLLOWS;
import static io.jooqrelations.realworld.crm.Tables.CUSTOMERS;
import static io.jooqrelations.realworld.crm.Tables.ORDERS;
import static io.jooqrelations.realworld.crm.Tables.ORDER_LINES;
import static io.jooqrelations.realworld.crm.Tables.PEOPLE;
import static io.jooqrelations.realworld.crm.Tables.TENANTS;
import static io.jooqrelations.realworld.crm.Tables.TREE;
import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.realworld.auth.Auth;
import io.jooqrelations.realworld.crm.Crm;
import io.jooqrelations.realworld.crm.tables.records.TenantsRecord;
import io.jooqrelations.relations.InvalidRelationsException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.UnknownRelationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generated real-world schema ({@link RealWorldGraph}): each way a schema nobody wrote for the library broke it
 * once — {@code crm.accounts} and {@code auth.accounts} taken for one table, a graph that could not span two schemas
 * with validation, a table named {@code tree}, two columns under one result key, a uuid tenant id given as a number —
 * read through jOOQ-generated classes, on every back end.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "the real-world schema's migrations (several schemas, quoted identifiers) exist for PostgreSQL only")
class RealWorldSchemaTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.realWorldWith(RealWorldSchemaTest::insertRows);

    static final UUID ACME = UUID.fromString("a0000000-0000-0000-0000-000000000001");
    static final UUID GLOBEX = UUID.fromString("a0000000-0000-0000-0000-000000000002");
    static final UUID GRACE = UUID.fromString("d0000000-0000-0000-0000-000000000001");

    private static void insertRows(DSLContext dsl) {
        dsl.execute("""
                insert into crm.tenants values ('a0000000-0000-0000-0000-000000000001', 'Acme'),
                    ('a0000000-0000-0000-0000-000000000002', 'Globex');
                insert into crm.accounts values
                    ('c0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'ada@crm', 'Ada L'),
                    ('c0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000002', 'bob@crm', null);
                insert into auth.accounts values
                    (20, 'a0000000-0000-0000-0000-000000000001', 'ada', 'c0000000-0000-0000-0000-000000000001', 'u', 1),
                    (21, 'a0000000-0000-0000-0000-000000000001', 'ada2', 'c0000000-0000-0000-0000-000000000001', null, 2),
                    (22, 'a0000000-0000-0000-0000-000000000002', 'bob', 'c0000000-0000-0000-0000-000000000002', null, null);
                insert into auth.follows values (20, 21, '2026-01-01'), (21, 20, '2026-01-02'), (22, 20, '2026-01-03');
                insert into crm."Customers" values
                    ('d0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'Grace "G" Hopper',
                     'active', 'ada', 21),
                    ('d0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000002', 'Linus', 'lead',
                     null, 22);
                insert into crm."Orders" values ('d0000000-0000-0000-0000-000000000001', 1, '2026-01-10', 10.00),
                    ('d0000000-0000-0000-0000-000000000001', 2, '2026-02-10', 5.50);
                insert into crm."Order Lines" values ('d0000000-0000-0000-0000-000000000001', 1, 1, 'u1', 4.00),
                    ('d0000000-0000-0000-0000-000000000001', 1, 2, null, 6.00),
                    ('d0000000-0000-0000-0000-000000000001', 2, 1, 'u2', 5.50);
                insert into crm.tree values (1, null, 'c0', 'c1', 0, '/x', false, 7, 'j'), (2, 1, 'c0', 'c1', 0, '/x', true, 7, 'j'),
                    (3, 1, 'c0', 'c1', 0, '/x', false, 7, 'j'), (4, 2, 'c0', 'c1', 0, '/x', false, 7, 'j');
                insert into crm.people values (1, 'snake', 'camel');
                """);
    }

    // ------------------------------------------------------------------------------------------- table identity

    @Test
    void twoTablesWithOneNameInTwoSchemasAreTwoTablesOfTheGraph() {
        assertThat(RELATIONS.relation(CRM_ACCOUNTS, "tenant").sourceColumns()).containsExactly(CRM_ACCOUNTS.TENANT_ID);
        assertThat(RELATIONS.relation(AUTH_ACCOUNTS, "tenant").sourceColumns()).containsExactly(AUTH_ACCOUNTS.TENANT_ID);
        // the bare reverse sides found each accounts table's own foreign key
        assertThat(RELATIONS.relation(TENANTS, "authAccounts").targetColumns()).containsExactly(AUTH_ACCOUNTS.TENANT_ID);
        assertThat(RELATIONS.relation(TENANTS, "crmAccounts").targetColumns()).containsExactly(CRM_ACCOUNTS.TENANT_ID);
        assertThat(RELATIONS.relation(CRM_ACCOUNTS, "logins").targetColumns()).containsExactly(AUTH_ACCOUNTS.CRM_ACCOUNT_ID);
        assertThat(RELATIONS.relation(AUTH_ACCOUNTS, "tenant").qualifiedName()).isEqualTo("auth.accounts.tenant");
        assertThat(RELATIONS.toMermaid()).contains("crm_accounts[crm.accounts]").contains("auth_accounts[auth.accounts]")
                .contains("auth_accounts -->|\"account: one\"| crm_accounts");
    }

    @Test
    void aReadWalksBothSchemasAndEveryKindOfKeyOnEveryBackEnd() {
        Read<TenantsRecord> read = DB.get().from(TENANTS).orderBy(TENANTS.NAME)
                .with("crmAccounts", c -> c.orderBy(CRM_ACCOUNTS.EMAIL)
                        .with("logins", l -> l.orderBy(AUTH_ACCOUNTS.ID).with("following", f -> f.orderBy(AUTH_ACCOUNTS.ID))))
                .with("customers", c -> c.orderBy(CUSTOMERS.FULLNAME)
                        .with("owner").with("manager")
                        .with("orders", o -> o.orderBy(ORDERS.ORDER).with("lines", l -> l.orderBy(ORDER_LINES.LINE_NO))));
        DB.counter().reset();
        List<Node<TenantsRecord>> tenants = read.findMany();
        assertThat(DB.counter().count()).isEqualTo(1);

        Node<?> ada = tenants.get(0).many("crmAccounts").get(0);
        assertThat(ada.many("logins")).extracting(n -> n.record().get("login")).containsExactly("ada", "ada2");
        assertThat(ada.many("logins").get(0).many("following")).extracting(n -> n.record().get("id")).containsExactly(21L);
        Node<?> grace = tenants.get(0).many("customers").get(0);
        assertThat(grace.one("owner").orElseThrow().record().get("id")).isEqualTo(20L); // through the UNIQUE login
        assertThat(grace.one("manager").orElseThrow().record().get("id")).isEqualTo(21L);
        assertThat(grace.many("orders").get(0).many("lines")).extracting(n -> n.record().get("amount"))
                .containsExactly(new BigDecimal("4.00"), new BigDecimal("6.00"));
        assertThat(grace.many("orders").get(1).many("lines")).hasSize(1);

        assertThat(QueryPerLevelStrategyTest.normalize(read.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(tenants));
        assertThat(read.strategy(ReadStrategy.SINGLE_STATEMENT).findManyJson())
                .contains("\"FullName\" : \"Grace \\\"G\\\" Hopper\"")
                .contains("\"lines\" : [{\"customerId\" : \"d0000000-0000-0000-0000-000000000001\", \"orderNo\" : 1, "
                        + "\"Line No\" : 1, \"user\" : \"u1\", \"amount\" : 4.00}");
    }

    @Test
    void aRelationOfOneAccountsTableIsNotARelationOfTheOther() {
        Relations crmOnly = Relations.define(r -> r.table(CRM_ACCOUNTS)
                .one("tenant", TENANTS, from(CRM_ACCOUNTS.TENANT_ID).to(TENANTS.ID)));
        assertThatThrownBy(() -> NestedReads.using(DB.dsl(), crmOnly).from(AUTH_ACCOUNTS).with("tenant"))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessageStartingWith("Table auth.accounts has no relation 'tenant'.");
    }

    @Test
    void aConditionOnTheOtherAccountsTableIsRefusedNotBoundToTheOuterRow() {
        // at the account level (crm.accounts) a condition on auth.accounts would bind to the outer login row
        assertThatThrownBy(() -> DB.get().from(AUTH_ACCOUNTS)
                .with("account", a -> a.where(AUTH_ACCOUNTS.LOGIN.like("ada%"))))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("where(...) on auth.accounts.account refers to table auth.accounts, but this level "
                        + "reads crm.accounts;");
        assertThatThrownBy(() -> DB.get().from(AUTH_ACCOUNTS).extra("x", Related.value("account", AUTH_ACCOUNTS.LOGIN)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Related.value(\"account\", auth.accounts.login) on auth.accounts: the path ends at "
                        + "crm.accounts, so the column must be one of crm.accounts.");
        // the same condition on the level's own table is fine
        assertThat(DB.get().from(AUTH_ACCOUNTS).where(AUTH_ACCOUNTS.ID.eq(20L))
                .with("account", a -> a.where(CRM_ACCOUNTS.EMAIL.like("ada%"))).findFirst().orElseThrow()
                .one("account")).isPresent();
    }

    @Test
    void declarationsAreCheckedAgainstTheSchemaOfEachColumn() {
        assertThatThrownBy(() -> Relations.define(r -> r.table(CRM_ACCOUNTS)
                .one("login", AUTH_ACCOUNTS, from(AUTH_ACCOUNTS.ID).to(AUTH_ACCOUNTS.ID))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessageContaining("from column");
        assertThatThrownBy(() -> Relations.define(Crm.CRM, r -> r.table(CRM_ACCOUNTS).many("logins", AUTH_ACCOUNTS,
                from(CRM_ACCOUNTS.ID).to(AUTH_ACCOUNTS.CRM_ACCOUNT_ID))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessageStartingWith("Table auth.accounts used by relation crm.accounts.logins is not part of schema "
                        + "'crm';");
        assertThatThrownBy(() -> Relations.define(List.of(Crm.CRM, Auth.AUTH), r -> r.table(CRM_ACCOUNTS)
                .one("invoice", io.jooqrelations.schema.Tables.INVOICES,
                        from(CRM_ACCOUNTS.EMAIL).to(io.jooqrelations.schema.Tables.INVOICES.NUMBER))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Table invoices used by relation crm.accounts.invoice is not part of schemas 'crm', 'auth'; "
                        + "declare relations only over those schemas' tables, or add the schema that holds it to "
                        + "Relations.define(schemas, ...).");
    }

    @Test
    void coverageSeesEverySchemaTheGraphSpans() {
        assertThat(RELATIONS.coverage().uncoveredForeignKeys()).isEmpty();
        assertThat(RELATIONS.coverage().isComplete()).isTrue();
        // a graph that names no schema still covers the schemas its tables live in
        Relations forgetful = Relations.define(r -> r.table(CRM_ACCOUNTS)
                .one("tenant", TENANTS, from(CRM_ACCOUNTS.TENANT_ID).to(TENANTS.ID)));
        assertThat(forgetful.coverage().isComplete()).isFalse();
        assertThat(forgetful.coverage().uncoveredForeignKeys())
                .anySatisfy(gap -> assertThat(gap).startsWith("foreign key crm.tree(parent_id) -> crm.tree(id)"))
                .anySatisfy(gap -> assertThat(gap).startsWith("foreign key crm.Order Lines(customer_id, order_no) -> "
                        + "crm.Orders(customer_id, order)"))
                // auth's tables are not in this graph, so auth is not covered; crm's key into auth is
                .anySatisfy(gap -> assertThat(gap).startsWith("foreign key crm.Customers(manager_id) -> auth.accounts(id)"))
                .noneSatisfy(gap -> assertThat(gap).startsWith("foreign key auth."));
    }

    @Test
    void aCursorOfOneAccountsTableIsRefusedByTheOther() {
        assertThatThrownBy(() -> DB.get().from(CRM_ACCOUNTS).orderBy(CRM_ACCOUNTS.EMAIL).findPage(1))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Keyset pagination of crm.accounts needs a total order: add crm.accounts.id as the last "
                        + "orderBy(...) so that rows with equal sort keys keep a stable order.");
        String cursor = DB.get().from(CRM_ACCOUNTS).orderBy(CRM_ACCOUNTS.EMAIL, CRM_ACCOUNTS.ID).findPage(1).nextCursor()
                .orElseThrow();
        assertThat(DB.get().from(CRM_ACCOUNTS).orderBy(CRM_ACCOUNTS.EMAIL, CRM_ACCOUNTS.ID).after(cursor).findPage(1).rows())
                .extracting(n -> n.record().get("email")).containsExactly("bob@crm");
        // auth.accounts' login is UNIQUE: ordering by it alone is total
        assertThatThrownBy(() -> DB.get().from(AUTH_ACCOUNTS).orderBy(AUTH_ACCOUNTS.LOGIN).after(cursor).findPage(1))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("The cursor was made for the ordering 'crm.accounts:email asc,id asc', but this read orders "
                        + "by 'auth.accounts:login asc'; start again from the first page.");
    }

    // ------------------------------------------------------------------------------------------------ own names

    @Test
    void aTableNamedTreeWithColumnsNamedLikeInternalNamesReadsAsATree() {
        List<Node<io.jooqrelations.realworld.crm.tables.records.TreeRecord>> roots = DB.get().from(TREE)
                .where(TREE.PARENT_ID.isNull()).withTree("children", 5).findMany();
        Node<?> root = roots.get(0);
        assertThat(root.many("children")).extracting(n -> n.record().get("id")).containsExactly(2L, 3L);
        Node<?> two = root.many("children").get(0);
        assertThat(two.record().get("tree_cycle")).isEqualTo(true);
        assertThat(two.record().get("tree_depth")).isEqualTo(0);
        assertThat(two.record().get("rn")).isEqualTo(7);
        assertThat(two.many("children")).extracting(n -> n.record().get("id")).containsExactly(4L);
        // nested the ordinary way, on every back end
        Read<?> nested = DB.get().from(TREE).where(TREE.ID.eq(1L)).with("children", c -> c.orderBy(TREE.ID).with("parent"));
        assertThat(QueryPerLevelStrategyTest.normalize(nested.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(nested.strategy(ReadStrategy.SINGLE_STATEMENT).findMany()));
        assertThat(nested.findManyJson()).contains("\"treeCycle\" : true").contains("\"c0\" : \"c0\"");
    }

    record OrderLine(int lineNo, String user, BigDecimal amount) {
    }

    record Person(long id, String firstName, String camelFirstName) {
    }

    @Test
    void twoColumnsUnderOneKeyAreRefusedAndAKeyOfOnesOwnMapsThem() {
        assertThatThrownBy(() -> DB.get().from(PEOPLE).findMany(Person.class))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Columns crm.people.first_name and crm.people.firstName are both read under the key "
                        + "'firstName' at crm.people; give one a key of its own with key(column, \"...\"), or leave one "
                        + "out with omit(...).");
        assertThat(DB.get().from(PEOPLE).key(PEOPLE.FIRSTNAME, "camelFirstName").findMany(Person.class))
                .containsExactly(new Person(1, "snake", "camel"));
        assertThat(DB.get().from(PEOPLE).key(PEOPLE.FIRSTNAME, "camelFirstName").findManyJson())
                .isEqualTo("[{\"id\" : 1, \"firstName\" : \"snake\", \"camelFirstName\" : \"camel\"}]");
        // "Line No" is no Java identifier: a key of its own lets a record take it
        assertThat(DB.get().from(ORDER_LINES).where(ORDER_LINES.ORDER_NO.eq(1)).orderBy(ORDER_LINES.LINE_NO)
                .key(ORDER_LINES.LINE_NO, "lineNo").findMany(OrderLine.class))
                .containsExactly(new OrderLine(1, "u1", new BigDecimal("4.00")), new OrderLine(2, null, new BigDecimal("6.00")));
    }

    // ------------------------------------------------------------------------------------------ tenant scoping

    @Test
    void aTenantScopeSpansBothSchemasAndRefusesANumberForAUuidTenant() {
        TenantScope byTenant = TenantScope.byColumn("tenant_id")
                .key(TENANTS, TENANTS.ID)
                .via(FOLLOWS, "follower")
                .via(ORDERS, "customer")
                .via(ORDER_LINES, "order")
                .shared(TREE, PEOPLE);
        NestedReads acme = DB.get().scopedTo(byTenant, ACME);
        assertThat(acme.from(AUTH_ACCOUNTS).orderBy(AUTH_ACCOUNTS.ID).findMany())
                .extracting(n -> n.record().get("login")).containsExactly("ada", "ada2");
        // bob (Globex) follows ada, but a scoped read does not show him as her follower
        assertThat(acme.from(AUTH_ACCOUNTS).where(AUTH_ACCOUNTS.ID.eq(20L)).with("followers").findFirst().orElseThrow()
                .many("followers")).extracting(n -> n.record().get("login")).containsExactly("ada2");
        assertThat(acme.from(ORDER_LINES).findMany()).hasSize(3);
        assertThat(DB.get().scopedTo(byTenant, GLOBEX).from(ORDER_LINES).findMany()).isEmpty();
        assertThatThrownBy(() -> DB.get().scopedTo(byTenant, 42L))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("the tenant id is a Long, but ")
                .hasMessageEndingWith("holds UUID; pass the id as a UUID.");
        // the id as text converts to the column's type when it is given
        assertThat(DB.get().scopedTo(byTenant, ACME.toString()).from(CUSTOMERS).findMany())
                .extracting(n -> n.record().get("id")).containsExactly(GRACE);
    }
}
