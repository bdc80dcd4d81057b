package io.jooqrelations.query;

import static io.jooqrelations.query.ExampleData.GLOBEX;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TenantScopeTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    // tag::tenant-scope[]
    static final TenantScope BY_ORGANIZATION = TenantScope.byColumn("organization_id")
            .key(ORGANIZATIONS, ORGANIZATIONS.ID)
            .via(INVOICE_LINE_ITEMS, "invoice")
            .via(COMMENTS, "invoice")
            .via(USERS, "memberships")
            .shared(TAGS);
    // end::tenant-scope[]

    static NestedReads globex;
    static Set<Long> globexInvoices;
    static Set<Long> globexMembers;

    @BeforeAll
    static void load() {
        NestedReads reads = DB.get();
        // tag::tenant-scoped-reads[]
        NestedReads tenantReads = reads.scopedTo(BY_ORGANIZATION, GLOBEX);
        // end::tenant-scoped-reads[]
        globex = tenantReads;
        globexInvoices = Set.copyOf(DB.dsl().select(INVOICES.ID).from(INVOICES).where(INVOICES.ORGANIZATION_ID.eq(GLOBEX))
                .fetch(INVOICES.ID));
        globexMembers = Set.copyOf(DB.dsl().select(MEMBERSHIPS.USER_ID).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(GLOBEX)).fetch(MEMBERSHIPS.USER_ID));
    }

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    /** Walks every node at every depth and checks it belongs to Globex (tags are shared). */
    private static int assertAllGlobex(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().mapToInt(TenantScopeTest::assertAllGlobex).sum();
        }
        if (value instanceof Optional<?> o) {
            return o.map(TenantScopeTest::assertAllGlobex).orElse(0);
        }
        Node<?> node = (Node<?>) value;
        org.jooq.TableRecord<?> r = (org.jooq.TableRecord<?>) node.record();
        switch (r.getTable().getName()) {
            case "organizations" -> assertThat(r.get(ORGANIZATIONS.ID)).isEqualTo(GLOBEX);
            case "invoices" -> assertThat(globexInvoices).contains(r.get(INVOICES.ID));
            case "invoice_line_items" -> assertThat(globexInvoices).contains(r.get(INVOICE_LINE_ITEMS.INVOICE_ID));
            case "comments" -> assertThat(globexInvoices).contains(r.get(COMMENTS.INVOICE_ID));
            case "users" -> assertThat(globexMembers).contains(r.get(USERS.ID));
            case "memberships" -> assertThat(r.get(MEMBERSHIPS.ORGANIZATION_ID)).isEqualTo(GLOBEX);
            case "tags" -> { }
            default -> throw new AssertionError(r.getTable().getName());
        }
        int count = 1;
        for (Object nested : node.relations().values()) {
            count += assertAllGlobex(nested);
        }
        return count;
    }

    @Test
    void everyLevelOfAScopedReadSeesOnlyTheTenantsRowsInOneStatement() {
        List<? extends Node<?>> everything = globex.from(ORGANIZATIONS)
                .with("invoices", i -> i.with("lineItems").with("tags", t -> t.with("invoices"))
                        .with("assignee", a -> a.with("assignedInvoices").with("memberships", m -> m.with("organization")))
                        .with("comments", c -> c.with("author", a -> a.with("comments"))))
                .with("memberships", m -> m.with("user", u -> u.with("createdInvoices", ci -> ci.with("organization"))))
                .findMany();
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(everything).hasSize(1);
        assertThat(assertAllGlobex(everything)).isGreaterThan(10);
    }

    @Test
    void sharedTablesAreVisibleButWhatHangsOffThemIsScoped() {
        List<? extends Node<?>> tags = globex.from(TAGS).orderBy(TAGS.ID).with("invoices").findMany();
        assertThat(tags).extracting(n -> n.record().get(TAGS.NAME)).containsExactly("urgent", "q3", "unused");
        assertThat(tags.get(0).many("invoices")).extracting(n -> n.record().get(INVOICES.NUMBER)).containsExactly("G-001");
        assertThat(tags.get(1).many("invoices")).isEmpty();
        assertAllGlobex(tags);
    }

    @Test
    void usersAreTheTenantsMembersAndTheirRelationsStayInTheTenant() {
        List<? extends Node<?>> users = globex.from(USERS).orderBy(USERS.ID).with("assignedInvoices").withCount("createdInvoices")
                .findMany();
        assertThat(users).extracting(n -> n.record().get(USERS.DISPLAY_NAME)).containsExactly("Ada", "Cy");
        assertThat(users.get(0).many("assignedInvoices")).isEmpty();          // Ada's invoice belongs to Acme
        assertThat(users.get(0).extra("createdInvoicesCount")).isEqualTo(0);
        assertThat(globex.from(USERS).whereHas("assignedInvoices").findMany())
                .extracting(n -> n.record().get(USERS.DISPLAY_NAME)).containsExactly("Cy");
        assertAllGlobex(users);
    }

    @Test
    void jsonTreesQueryPerLevelAndRecursiveReadsAreScopedToo() {
        String json = globex.from(INVOICES).columns(INVOICES.NUMBER).with("tags", t -> t.columns(TAGS.NAME)
                .with("invoices", i -> i.columns(INVOICES.NUMBER))).findManyJson();
        assertThat(json).contains("G-001").doesNotContain("A-00");
        assertAllGlobex(globex.from(INVOICES).with("lineItems").with("tags", t -> t.with("invoices"))
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        if (io.jooqrelations.query.internal.DialectSupport.of(DB.dialect())
                .supports(io.jooqrelations.query.internal.DialectSupport.Feature.TREE)) {
            assertThat(globex.from(COMMENTS).withTree("replies", 10).findMany())
                    .extracting(n -> n.record().get(COMMENTS.ID)).containsExactly(5L);
        }
        assertThat(globex.from(INVOICES).findMany()).hasSize(globexInvoices.size());
    }

    @Test
    void aScopeMustCoverEveryTableOfTheGraph() {
        NestedReads reads = NestedReads.using(DB.dsl(), RELATIONS);
        assertThatThrownBy(() -> reads.scopedTo(TenantScope.byColumn("organization_id"), GLOBEX))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Tenant scope by column 'organization_id' has no rule for comments, invoice_line_items, "
                        + "organizations, tags, users: give each a key(...), via(table, relation) to a scoped table, or "
                        + "declare it shared(...).");
        assertThatThrownBy(() -> reads.scopedTo(BY_ORGANIZATION.via(USERS, "comments").shared(COMMENTS), GLOBEX))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Tenant scope: users is scoped via users.comments, but comments is shared; scope it via a "
                        + "table that belongs to a tenant.");
        assertThatThrownBy(() -> globex.scopedTo(BY_ORGANIZATION, 1L)).isInstanceOf(InvalidReadException.class)
                .hasMessage("These reads are already scoped to a tenant; scope the unscoped NestedReads.");
    }

    @Test
    void aViaRuleCanNameItsRelationByHandle() {
        TenantScope byHandle = TenantScope.byColumn("organization_id")
                .key(ORGANIZATIONS, ORGANIZATIONS.ID)
                .via(RELATIONS.one(INVOICE_LINE_ITEMS, "invoice", INVOICES))
                .via(RELATIONS.one(COMMENTS, "invoice", INVOICES))
                .via(RELATIONS.many(USERS, "memberships", MEMBERSHIPS))
                .shared(TAGS);
        NestedReads scoped = NestedReads.using(DB.dsl(), RELATIONS).scopedTo(byHandle, GLOBEX);
        assertThat(QueryPerLevelStrategyTest.normalize(scoped.from(INVOICE_LINE_ITEMS).orderBy(INVOICE_LINE_ITEMS.ID)
                .findMany())).isEqualTo(QueryPerLevelStrategyTest.normalize(globex.from(INVOICE_LINE_ITEMS)
                        .orderBy(INVOICE_LINE_ITEMS.ID).findMany()));
        assertThatThrownBy(() -> byHandle.via(null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("TenantScope.via(relation) was given null.");
    }
}
