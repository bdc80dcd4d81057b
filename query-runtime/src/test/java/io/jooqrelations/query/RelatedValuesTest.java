package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.query.ExampleData.INV_3;
import static io.jooqrelations.example.AppRelations.LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.SortOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RelatedValuesTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    record InvoiceStats(String number, int lineItemsCount, BigDecimal lineItemsTotal, Boolean urgent, String orgName) {
    }

    @Test
    void countsAndAggregatesPerRelationAreValuesOnEachRowInNodesRecordsAndJson() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        // tag::relation-aggregates[]
        Read<?> read = reads.from(INVOICES)
                .columns(INVOICES.NUMBER)
                .withCount("lineItems")
                .extra("lineItemsTotal", Related.sum("lineItems", INVOICE_LINE_ITEMS.QUANTITY.mul(INVOICE_LINE_ITEMS.UNIT_PRICE)))
                .extra("urgent", Related.exists("tags").where(TAGS.NAME.eq("urgent")))
                .extra("orgName", Related.value("organization", ORGANIZATIONS.NAME))
                .orderBy(INVOICES.ID);
        // end::relation-aggregates[]
        List<InvoiceStats> stats = read.findMany(InvoiceStats.class);
        // numerically: SQLite keeps numeric values as numbers, not with their declared scale (1250.5)
        assertThat(stats).usingRecursiveFieldByFieldElementComparator(TestDialect.numerically()).containsExactly(
                new InvoiceStats("A-001", 3, new BigDecimal("1250.50"), true, "Acme"),
                new InvoiceStats("A-002", 0, null, false, "Acme"),
                new InvoiceStats("G-001", 1, new BigDecimal("99.99"), true, "Globex"));
        assertThat(DB.counter().count()).isEqualTo(1);
        String total = TestDialect.current() == DialectChoice.SQLITE ? "1250.5" : "1250.50";
        assertThat(read.findManyJson().replace(" ", "")).startsWith("[{\"number\":\"A-001\",\"lineItemsCount\":3,"
                + "\"lineItemsTotal\":" + total + ",\"urgent\":true,\"orgName\":\"Acme\"}");
    }

    @Test
    void aggregatesWorkAtNestedLevelsAndTakeTheRelationsOwnFilter() {
        Node<?> acme = DB.get().from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(ExampleData.ACME))
                .withCount("openInvoices")
                .extra("largestInvoice", Related.max("invoices", INVOICES.TOTAL))
                .with("invoices", i -> i.orderBy(INVOICES.ID).withCount("lineItems"))
                .findFirst().orElseThrow();
        assertThat(acme.extra("openInvoicesCount")).isEqualTo(1);
        assertThat((BigDecimal) acme.extra("largestInvoice")).isEqualByComparingTo("1250.50");
        assertThat(acme.many("invoices")).extracting(n -> n.extra("lineItemsCount")).containsExactly(3, 0);
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(DB.get().from(INVOICES).orderBy(INVOICES.ID).withCount(LINE_ITEMS).findMany())
                .extracting(n -> n.extra("lineItemsCount")).containsExactly(3, 0, 1);
    }

    @Test
    void ordersByAToOneRelatedColumnAndByAnAggregateOfAToManyRelation() {
        assertThat(DB.get().from(INVOICES).orderBy(Related.value("organization", ORGANIZATIONS.NAME), SortOrder.DESC)
                .orderBy(INVOICES.ID).findMany()).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_3, INV_1, INV_2);
        assertThat(DB.get().from(INVOICES).orderBy(Related.count("lineItems"), SortOrder.DESC).findMany())
                .extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_1, INV_3, INV_2);
        // a two-hop to-one path: comments -> invoice -> organization
        assertThat(DB.get().from(io.jooqrelations.schema.Tables.COMMENTS)
                .orderBy(Related.value("invoice.organization", ORGANIZATIONS.NAME), SortOrder.DESC)
                .orderBy(io.jooqrelations.schema.Tables.COMMENTS.ID).findMany())
                .extracting(n -> n.record().get(io.jooqrelations.schema.Tables.COMMENTS.ID)).containsExactly(5L, 1L, 2L, 3L, 4L);
        // the invoice without an assignee sorts where the dialect puts nulls: last in PostgreSQL, first elsewhere
        assertThat(DB.get().from(INVOICES).orderBy(Related.value("assignee", USERS.DISPLAY_NAME), SortOrder.ASC).findMany())
                .extracting(n -> n.record().get(INVOICES.ID))
                .containsExactly(TestDialect.postgres() ? new Long[] {INV_1, INV_3, INV_2} : new Long[] {INV_2, INV_1, INV_3});
    }

    @Test
    void badRelatedValuesAreClearErrors() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("x", Related.value("lineItems", INVOICE_LINE_ITEMS.POSITION)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Related.value(\"lineItems\", ...) on invoices walks invoices.lineItems, a many; a value path "
                        + "may only walk to-one relations. Use an aggregate such as Related.max(\"lineItems\", ...) instead.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("x", Related.value("organization", USERS.DISPLAY_NAME)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Related.value(\"organization\", users.display_name) on invoices: the path ends at "
                        + "organizations, so the column must be one of organizations.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).withCount("lineItemz"))
                .isInstanceOf(io.jooqrelations.relations.UnknownRelationException.class)
                .hasMessageStartingWith("Table invoices has no relation 'lineItemz'. Did you mean 'lineItems'?");
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("x", Related.sum("lineItems", INVOICES.TOTAL)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("Related.sum(...) on invoices.lineItems refers to table invoices");
        assertThat(DB.counter().count()).isZero();
    }

    @Test
    void junctionColumnsOfAThroughRelationAreReadOntoEachTarget() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        DB.dsl().update(INVOICE_TAGS).set(INVOICE_TAGS.ADDED_AT, OffsetDateTime.parse("2026-03-01T10:15:30.123456Z"))
                .where(INVOICE_TAGS.INVOICE_ID.eq(INV_1)).execute();
        DB.counter().reset();
        // tag::junction-columns[]
        Node<?> invoice = reads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("tags", t -> t.junctionColumns(INVOICE_TAGS.ADDED_AT).orderBy(TAGS.NAME))
                .findFirst().orElseThrow();
        OffsetDateTime tagged = (OffsetDateTime) invoice.many("tags").get(0).extra("addedAt");
        // end::junction-columns[]
        assertThat(tagged).isEqualTo(OffsetDateTime.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(DB.counter().count()).isEqualTo(1);
        String json = reads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).columns(INVOICES.ID)
                .with("tags", t -> t.columns(TAGS.NAME).junctionColumns(INVOICE_TAGS.ADDED_AT).orderBy(TAGS.NAME))
                .findFirstJson().orElseThrow();
        // (PostgreSQL writes 2026-03-01T10:15:30..., MariaDB and SQLite the text they hold, here 2026-03-01 10:15:30...)
        assertThat(json.replace(" ", "").replace("01T10", "0110"))
                .contains("{\"name\":\"q3\",\"addedAt\":\"2026-03-0110:15:30.123456+00:00\"}");
        assertThatThrownBy(() -> reads.from(INVOICES).with("lineItems", li -> li.junctionColumns(INVOICE_TAGS.ADDED_AT)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("junctionColumns(...) on invoices.lineItems: invoices.lineItems does not go through a junction table.");
        assertThatThrownBy(() -> reads.from(INVOICES).with("tags", t -> t.junctionColumns(INVOICES.ID)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("junctionColumns(...) on invoices.tags was given invoices.id, which is not a column of the "
                        + "junction invoice_tags.");
    }
}
