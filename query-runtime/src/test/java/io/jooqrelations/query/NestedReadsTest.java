package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.ACME;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.query.ExampleData.INV_3;
import static io.jooqrelations.example.AppRelations.REPLIES;
import static io.jooqrelations.example.AppRelations.ASSIGNEE;
import static io.jooqrelations.example.AppRelations.LINE_ITEMS;
import static io.jooqrelations.example.AppRelations.ORGANIZATION;
import static io.jooqrelations.example.AppRelations.TAGS_OF_INVOICE;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoiceLineItemsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.schema.tables.records.OrganizationsRecord;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NestedReadsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @BeforeEach
    void resetCounter() {
        DB.counter().reset();
    }

    @Test
    void invoiceDetailReadsLineItemsTagsOrganizationAssigneeAndCreatorInOneStatement() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        // tag::statement-counter-test[]
        Node<InvoicesRecord> invoice = reads.from(INVOICES)
                .where(INVOICES.ID.eq(INV_1))
                .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with(TAGS_OF_INVOICE, t -> t.orderBy(TAGS.NAME))
                .with(ORGANIZATION)
                .with(ASSIGNEE)
                .with("creator")
                .findFirst().orElseThrow();

        assertThat(DB.counter().count()).isEqualTo(1);
        // end::statement-counter-test[]
        assertThat(invoice.record().getNumber()).isEqualTo("A-001");
        assertThat(invoice.record().getTotal()).isEqualByComparingTo("1250.50");
        assertThat(invoice.get(LINE_ITEMS)).extracting(n -> n.record().getDescription())
                .containsExactly("Licence", "Support", "Training");
        assertThat(invoice.get(TAGS_OF_INVOICE)).extracting(n -> n.record().getName()).containsExactly("q3", "urgent");
        assertThat(invoice.get(ORGANIZATION).orElseThrow().record().getName()).isEqualTo("Acme");
        assertThat(invoice.get(ASSIGNEE).orElseThrow().record().getDisplayName()).isEqualTo("Ada");
        assertThat(invoice.one("creator").orElseThrow().record().get(USERS.DISPLAY_NAME)).isEqualTo("Bob");
    }

    @Test
    void missingToOneIsEmptyAndMissingToManyIsAnEmptyList() {
        Node<InvoicesRecord> invoice = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_2))
                .with(ASSIGNEE).with(LINE_ITEMS).findFirst().orElseThrow();
        assertThat(invoice.get(ASSIGNEE)).isEmpty();
        assertThat(invoice.get(LINE_ITEMS)).isEmpty();
        assertThat(DB.counter().count()).isEqualTo(1);
    }

    @Test
    void organizationDashboardLimitsAndOrdersInvoicesPerOrganizationAndWalksMembershipsToUsers() {
        List<Node<OrganizationsRecord>> orgs = DB.get().from(ORGANIZATIONS)
                .orderBy(ORGANIZATIONS.NAME)
                .with("invoices", i -> i.orderBy(INVOICES.ISSUED_ON.desc()).limit(1).with("lineItems"))
                .with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user"))
                .findMany();

        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(orgs).hasSize(2);
        Node<OrganizationsRecord> acme = orgs.get(0);
        assertThat(acme.many("invoices")).hasSize(1);
        assertThat(acme.many("invoices").get(0).record().get(INVOICES.NUMBER)).isEqualTo("A-002");
        assertThat(acme.many("invoices").get(0).many("lineItems")).isEmpty();
        assertThat(acme.many("memberships")).extracting(m -> m.one("user").orElseThrow().record().get(USERS.DISPLAY_NAME))
                .containsExactly("Ada", "Bob");
        assertThat(orgs.get(1).many("invoices").get(0).many("lineItems")).hasSize(1);
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void commentThreadsNestThreeLevelsThroughTheSelfReference() {
        List<Node<CommentsRecord>> roots = DB.get().from(COMMENTS)
                .where(COMMENTS.INVOICE_ID.eq(INV_1), COMMENTS.PARENT_ID.isNull())
                .with(REPLIES, r -> r.orderBy(COMMENTS.ID)
                        .with(REPLIES, rr -> rr.orderBy(COMMENTS.ID).with("author")))
                .findMany();

        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(roots).hasSize(1);
        Node<CommentsRecord> root = roots.get(0);
        assertThat(root.get(REPLIES)).extracting(n -> n.record().getBody()).containsExactly("Yes, in two.", "Me too");
        Node<CommentsRecord> third = root.get(REPLIES).get(0).get(REPLIES).get(0);
        assertThat(third.record().getBody()).isEqualTo("Thanks!");
        assertThat(third.one("author").orElseThrow().record().get(USERS.DISPLAY_NAME)).isEqualTo("Ada");
        assertThat(root.get(REPLIES).get(1).get(REPLIES)).isEmpty();
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void nestedWhereAppliesToItsOwnLevelEvenWhenTheParentIsTheSameTable() {
        Node<CommentsRecord> root = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L))
                .with(REPLIES, r -> r.where(COMMENTS.BODY.like("Me%")))
                .findFirst().orElseThrow();
        assertThat(root.get(REPLIES)).extracting(n -> n.record().getBody()).containsExactly("Me too");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void filtersByRelationCompileToExistsThroughTheJunctionAndCombineWithConditions() {
        assertThat(DB.get().from(INVOICES).whereHas(TAGS_OF_INVOICE, t -> t.where(TAGS.NAME.eq("urgent")))
                .orderBy(INVOICES.ID).findMany()).extracting(n -> n.record().getId()).containsExactly(INV_1, INV_3);
        assertThat(DB.get().from(INVOICES).whereHasNo("lineItems").findMany())
                .extracting(n -> n.record().getId()).containsExactly(INV_2);
        assertThat(DB.get().from(INVOICES).whereHas("tags", t -> t.where(TAGS.NAME.eq("urgent")))
                .where(INVOICES.ORGANIZATION_ID.eq(ACME)).findMany())
                .extracting(n -> n.record().getId()).containsExactly(INV_1);
        assertThat(DB.get().from(ORGANIZATIONS).whereHasNo("invoices").findMany()).isEmpty();
        assertThat(DB.get().from(USERS).whereHas("assignedInvoices", i -> i.whereHas("tags", t -> t.where(TAGS.NAME.eq("urgent"))))
                .orderBy(USERS.ID).findMany()).extracting(n -> n.record().get(USERS.DISPLAY_NAME)).containsExactly("Ada", "Cy");
        assertThat(DB.get().from(COMMENTS).whereHas("replies").orderBy(COMMENTS.ID).findMany())
                .extracting(n -> n.record().getId()).containsExactly(1L, 2L);
        assertThat(DB.counter().count()).isEqualTo(6);
    }

    @Test
    void relationFilterDeclaredInTheGraphIsApplied() {
        assertThat(DB.get().from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(ACME)).with("openInvoices").findFirst()
                .orElseThrow().many("openInvoices")).extracting(n -> n.record().get(INVOICES.NUMBER)).containsExactly("A-001");
    }

    @Test
    void columnsOmitAndExtrasShapeEachLevel() {
        Node<InvoicesRecord> invoice = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .columns(INVOICES.ID, INVOICES.NUMBER)
                .extra("lineCount", DSL.field(DSL.selectCount().from(INVOICE_LINE_ITEMS)
                        .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(INVOICES.ID))))
                .with(LINE_ITEMS, li -> li.omit(INVOICE_LINE_ITEMS.DESCRIPTION)
                        .extra("amount", INVOICE_LINE_ITEMS.UNIT_PRICE.mul(INVOICE_LINE_ITEMS.QUANTITY))
                        .orderBy(INVOICE_LINE_ITEMS.POSITION))
                .findFirst().orElseThrow();
        assertThat(invoice.record().getNumber()).isEqualTo("A-001");
        assertThat(invoice.record().getTotal()).isNull();
        assertThat(invoice.extra("lineCount")).isEqualTo(3);
        Node<InvoiceLineItemsRecord> first = invoice.get(LINE_ITEMS).get(0);
        assertThat(first.record().getDescription()).isNull();
        assertThat((BigDecimal) first.extra("amount")).isEqualByComparingTo("400.50");
        assertThat(DB.counter().count()).isEqualTo(1);
    }

    @Test
    void nestedLimitAndOffsetApplyPerParentRow() {
        List<Node<InvoicesRecord>> invoices = DB.get().from(INVOICES).orderBy(INVOICES.ID)
                .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).offset(1).limit(1))
                .findMany();
        assertThat(invoices.get(0).get(LINE_ITEMS)).extracting(n -> n.record().getDescription())
                .containsExactly("Support");
        assertThat(invoices.get(2).get(LINE_ITEMS)).isEmpty();
    }

    @Test
    void toSqlShowsOneStatementWithBindValuesAndInlinedForExplain() {
        Read<InvoicesRecord> read = DB.get().from(INVOICES).where(INVOICES.NUMBER.eq("A-001")).with("lineItems").with("tags");
        assertThat(TestDialect.unquoted(read.toSQL())).containsOnlyOnce("from invoices").contains("?").doesNotContain("A-001");
        assertThat(read.bindValues()).contains("A-001");
        assertThat(read.toInlinedSQL()).contains("'A-001'");
        DB.counter().reset();
        String plan = DB.dsl().fetch("explain " + read.toInlinedSQL()).format();
        assertThat(plan).isNotBlank();
    }

    @Test
    void findFirstReadsAtMostOneRow() {
        assertThat(DB.get().from(INVOICES).toSQL()).doesNotContain("limit");
        DB.counter().reset();
        DB.get().from(INVOICES).findFirst();
        // jOOQ's spelling of the dialect's limit (SQLite has no FETCH NEXT)
        assertThat(DB.counter().statements().get(0)).contains(TestDialect.current() == DialectChoice.SQLITE
                ? "limit 1" : "fetch next 1 rows only");
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(-1L)).findFirst()).isEmpty();
    }

    @Test
    void readsOfAnotherTablesThroughRelationWorkFromTheOtherSide() {
        Node<?> tag = DB.get().from(TAGS).where(TAGS.NAME.eq("q3")).with("invoices", i -> i.orderBy(INVOICES.ID))
                .findFirst().orElseThrow();
        assertThat(tag.many("invoices")).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_1, INV_2);
        Node<?> globex = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_3)).with("organization", o -> o.with("memberships"))
                .findFirst().orElseThrow();
        assertThat(globex.one("organization").orElseThrow().many("memberships")).hasSize(2);
    }
}
