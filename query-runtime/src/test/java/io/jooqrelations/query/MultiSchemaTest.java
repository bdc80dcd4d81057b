package io.jooqrelations.query;

import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.MigratedDatabase;
import io.jooqrelations.relations.InvalidRelationsException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.RelationsBuilder;
import io.jooqrelations.relations.UnknownRelationException;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.SchemaImpl;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graph over two schemas that both have a table {@code accounts} ({@code crm.accounts} and {@code auth.accounts}),
 * written the way jOOQ generates them: the schema lives in {@code getSchema()}, the table's own name is just
 * {@code accounts}. Tables are told apart by their schema-qualified name everywhere.
 */
class MultiSchemaTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static final class NamedSchema extends SchemaImpl {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Supplier<List<Table<?>>> tables;

        NamedSchema(String name, java.util.function.Supplier<List<Table<?>>> tables) {
            super(DSL.name(name), null);
            this.tables = tables;
        }

        @Override
        public List<Table<?>> getTables() {
            return tables.get();
        }
    }

    static final NamedSchema CRM = new NamedSchema("crm", () -> List.of(MultiSchemaTest.TENANTS, MultiSchemaTest.CRM_ACCOUNTS,
            MultiSchemaTest.NOTES));
    static final NamedSchema AUTH = new NamedSchema("auth", () -> List.of(MultiSchemaTest.AUTH_ACCOUNTS));

    static final class Tenants extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, String> NAME = createField(DSL.name("name"), SQLDataType.CLOB);

        Tenants() {
            super(DSL.name("tenants"), CRM);
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    /** Both schemas' accounts: an id, a tenant, an email; auth's also points at the crm account it logs in to. */
    static final class Accounts extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, Long> TENANT_ID = createField(DSL.name("tenant_id"), SQLDataType.BIGINT);
        final TableField<Record, String> EMAIL = createField(DSL.name("email"), SQLDataType.CLOB);
        final TableField<Record, Long> CRM_ACCOUNT_ID;

        Accounts(Schema schema) {
            super(DSL.name("accounts"), schema);
            CRM_ACCOUNT_ID = schema.getName().equals("auth")
                    ? createField(DSL.name("crm_account_id"), SQLDataType.BIGINT) : null;
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }

        @Override
        public List<ForeignKey<Record, ?>> getReferences() {
            ForeignKey<Record, Record> tenant = Internal.createForeignKey(this, DSL.name(getSchema().getName() + "_tenant"),
                    new TableField[] {TENANT_ID}, TENANTS.getPrimaryKey(), new TableField[] {TENANTS.ID}, true);
            if (CRM_ACCOUNT_ID == null) {
                return List.of(tenant);
            }
            return List.of(tenant, Internal.createForeignKey(this, DSL.name("auth_crm_account"),
                    new TableField[] {CRM_ACCOUNT_ID}, CRM_ACCOUNTS.getPrimaryKey(), new TableField[] {CRM_ACCOUNTS.ID}, true));
        }
    }

    /** A crm table no relation mentions, with a foreign key of its own: coverage must still see it. */
    static final class Notes extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, Long> PARENT_ID = createField(DSL.name("parent_id"), SQLDataType.BIGINT);

        Notes() {
            super(DSL.name("notes"), CRM);
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }

        @Override
        public List<ForeignKey<Record, ?>> getReferences() {
            return List.of(Internal.createForeignKey(this, DSL.name("notes_parent"), new TableField[] {PARENT_ID},
                    getPrimaryKey(), new TableField[] {ID}, true));
        }
    }

    static final Tenants TENANTS = new Tenants();
    static final Accounts CRM_ACCOUNTS = new Accounts(CRM);
    static final Accounts AUTH_ACCOUNTS = new Accounts(AUTH);
    static final Notes NOTES = new Notes();

    /** Both accounts tables declare "tenant"; the bare reverse sides on tenants find each by its own table. */
    static final Consumer<RelationsBuilder> DECLARATIONS = r -> {
        r.table(CRM_ACCOUNTS).one("tenant", TENANTS, from(CRM_ACCOUNTS.TENANT_ID).to(TENANTS.ID))
                .many("logins", AUTH_ACCOUNTS);
        r.table(AUTH_ACCOUNTS).one("tenant", TENANTS, from(AUTH_ACCOUNTS.TENANT_ID).to(TENANTS.ID))
                .one("account", CRM_ACCOUNTS, from(AUTH_ACCOUNTS.CRM_ACCOUNT_ID).to(CRM_ACCOUNTS.ID));
        r.table(TENANTS).many("crmAccounts", CRM_ACCOUNTS).many("authAccounts", AUTH_ACCOUNTS);
        r.table(NOTES).one("parent", NOTES, from(NOTES.PARENT_ID).to(NOTES.ID)).many("replies", NOTES);
    };

    static final Relations GRAPH = Relations.define(List.of(CRM, AUTH), DECLARATIONS);

    static NestedReads reads;

    @BeforeAll
    static void load() {
        DB.dsl().execute("create schema crm; create schema auth;"
                + "create table crm.tenants (id bigint primary key, name text);"
                + "create table crm.accounts (id bigint primary key, tenant_id bigint references crm.tenants, email text);"
                + "create table auth.accounts (id bigint primary key, tenant_id bigint references crm.tenants, email text,"
                + " crm_account_id bigint references crm.accounts);"
                + "create table crm.notes (id bigint primary key, parent_id bigint references crm.notes);"
                + "insert into crm.tenants values (1, 'Acme'), (2, 'Globex');"
                + "insert into crm.accounts values (10, 1, 'ada@crm'), (11, 2, 'bob@crm');"
                + "insert into auth.accounts values (20, 1, 'ada@auth', 10), (21, 1, 'ada2@auth', 10), (22, 2, 'bob@auth', 11);");
        reads = NestedReads.using(DB.dsl(), GRAPH);
    }

    @Test
    void twoTablesWithOneNameInTwoSchemasAreTwoTablesOfTheGraph() {
        assertThat(GRAPH.relation(CRM_ACCOUNTS, "tenant").sourceColumns()).containsExactly(CRM_ACCOUNTS.TENANT_ID);
        assertThat(GRAPH.relation(AUTH_ACCOUNTS, "tenant").sourceColumns()).containsExactly(AUTH_ACCOUNTS.TENANT_ID);
        assertThat(GRAPH.relation(TENANTS, "authAccounts").targetColumns()).containsExactly(AUTH_ACCOUNTS.TENANT_ID);
        assertThat(GRAPH.relation(CRM_ACCOUNTS, "logins").targetColumns()).containsExactly(AUTH_ACCOUNTS.CRM_ACCOUNT_ID);
        assertThat(GRAPH.relationsOf(AUTH_ACCOUNTS)).containsOnlyKeys("tenant", "account");
        assertThat(GRAPH.toMermaid()).contains("crm_accounts[crm.accounts]").contains("auth_accounts[auth.accounts]")
                .contains("auth_accounts -->|\"account: one\"| crm_accounts");
    }

    @Test
    void aReadWalksAcrossBothSchemasOnEveryPath() {
        Read<Record> read = reads.from(TENANTS).orderBy(TENANTS.ID)
                .with("crmAccounts", c -> c.orderBy(CRM_ACCOUNTS.ID).with("logins", l -> l.orderBy(AUTH_ACCOUNTS.ID)))
                .with("authAccounts", a -> a.orderBy(AUTH_ACCOUNTS.ID).with("account"));
        List<Node<Record>> tenants = read.findMany();
        assertThat(tenants.get(0).many("crmAccounts").get(0).many("logins"))
                .extracting(n -> n.record().get("email")).containsExactly("ada@auth", "ada2@auth");
        assertThat(tenants.get(1).many("authAccounts").get(0).one("account").orElseThrow().record().get("email"))
                .isEqualTo("bob@crm");
        assertThat(QueryPerLevelStrategyTest.normalize(read.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(tenants));
        assertThat(reads.from(AUTH_ACCOUNTS).where(AUTH_ACCOUNTS.ID.eq(22L)).with("account").findFirstJson().orElseThrow())
                .contains("\"email\" : \"bob@auth\"").contains("\"account\" : {\"id\" : 11");
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
    void aConditionOnTheOtherSchemasTableIsRefusedNotBoundToTheOuterRow() {
        // at the account level (crm.accounts) a condition on auth.accounts would bind to the outer login row
        assertThatThrownBy(() -> reads.from(AUTH_ACCOUNTS)
                .with("account", a -> a.where(AUTH_ACCOUNTS.EMAIL.like("ada%"))))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("where(...) on auth.accounts.account refers to table auth.accounts, but this level "
                        + "reads crm.accounts;");
        assertThatThrownBy(() -> reads.from(AUTH_ACCOUNTS)
                .extra("x", Related.value("account", AUTH_ACCOUNTS.EMAIL)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("the path ends at accounts, so the column must be one of accounts");
        // the same condition with the level's own table is fine
        assertThat(reads.from(AUTH_ACCOUNTS).where(AUTH_ACCOUNTS.ID.eq(20L))
                .with("account", a -> a.where(CRM_ACCOUNTS.EMAIL.like("ada%"))).findFirst().orElseThrow()
                .one("account")).isPresent();
    }

    @Test
    void declarationsAreCheckedAgainstTheSchemaOfEachColumn() {
        assertThatThrownBy(() -> Relations.define(r -> r.table(CRM_ACCOUNTS)
                .one("login", AUTH_ACCOUNTS, from(AUTH_ACCOUNTS.ID).to(AUTH_ACCOUNTS.ID))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessageContaining("from column");
        assertThatThrownBy(() -> Relations.define(CRM, DECLARATIONS))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessageStartingWith("Table auth.accounts used by relation crm.accounts.logins is not part of schema 'crm';");
    }

    @Test
    void coverageSeesEverySchemaTheGraphSpans() {
        assertThat(GRAPH.coverage().uncoveredForeignKeys()).isEmpty();
        assertThat(GRAPH.coverage().isComplete()).isTrue();
        // a graph that names no schema still covers the schemas its tables live in: the forgotten notes show up
        Relations forgetful = Relations.define(r -> r.table(CRM_ACCOUNTS)
                .one("tenant", TENANTS, from(CRM_ACCOUNTS.TENANT_ID).to(TENANTS.ID)));
        assertThat(forgetful.coverage().isComplete()).isFalse();
        assertThat(forgetful.coverage().uncoveredForeignKeys())
                .anySatisfy(gap -> assertThat(gap).startsWith("foreign key crm.notes(parent_id) -> crm.notes(id)"));
    }

    @Test
    void aCursorOfOneAccountsTableIsRefusedByTheOther() {
        Page<Record> crmPage = reads.from(CRM_ACCOUNTS).orderBy(CRM_ACCOUNTS.ID).findPage(1);
        String cursor = crmPage.nextCursor().orElseThrow();
        assertThat(reads.from(CRM_ACCOUNTS).orderBy(CRM_ACCOUNTS.ID).after(cursor).findPage(1).rows())
                .extracting(n -> n.record().get("id")).containsExactly(11L);
        assertThatThrownBy(() -> reads.from(AUTH_ACCOUNTS).orderBy(AUTH_ACCOUNTS.ID).after(cursor).findPage(1))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("The cursor was made for the ordering 'crm.accounts:id asc', but this read orders by "
                        + "'auth.accounts:id asc'; start again from the first page.");
    }

    @Test
    void aTableOutsideEverySchemaOfTheGraphIsRefused() {
        assertThatThrownBy(() -> Relations.define(List.of(CRM, AUTH), r -> r.table(CRM_ACCOUNTS)
                .one("invoice", io.jooqrelations.schema.Tables.INVOICES,
                        from(CRM_ACCOUNTS.ID).to(io.jooqrelations.schema.Tables.INVOICES.ID))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Table invoices used by relation crm.accounts.invoice is not part of schemas 'crm', 'auth'; "
                        + "declare relations only over those schemas' tables, or add the schema that holds it to "
                        + "Relations.define(schemas, ...).");
    }
}
