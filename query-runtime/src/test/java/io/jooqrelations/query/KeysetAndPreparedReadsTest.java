package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysetAndPreparedReadsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB =
            ExampleDatabase.withExampleData(KeysetAndPreparedReadsTest::insertInvoicesSharingIssueDates);

    private static void insertInvoicesSharingIssueDates(DSLContext dsl) {
        for (int i = 0; i < 20; i++) {
            // many invoices share an issue date, so the order needs the id to be total
            dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                    .values(ExampleData.ACME, "P-" + i, BigDecimal.ONE, LocalDate.of(2026, 3, 1 + i % 4)).execute();
        }
    }

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    private static Read<InvoicesRecord> byDateThenId() {
        return DB.get().from(INVOICES).orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc()).with("lineItems");
    }

    @Test
    void pagesWalkEveryRowOnceInOrderAndEndWithoutACursor() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        List<Long> all = byDateThenId().findMany().stream().map(n -> n.record().getId()).toList();
        List<Long> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            // tag::keyset-pagination[]
            Page<InvoicesRecord> page = reads.from(INVOICES)
                    .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                    .with("lineItems")
                    .after(cursor)                      // null for the first page
                    .findPage(5);
            cursor = page.nextCursor().orElse(null);  // hand this to the client
            // end::keyset-pagination[]
            page.rows().forEach(n -> paged.add(n.record().getId()));
            pages++;
        } while (cursor != null);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(5);
        assertThat(DB.counter().count()).isEqualTo(1 + pages);
    }

    @Test
    void aPageIsStableWhenRowsAreInsertedBeforeTheCursor() {
        Page<InvoicesRecord> first = byDateThenId().findPage(4);
        List<Long> expectedNext = byDateThenId().findMany().stream().skip(4).limit(4).map(n -> n.record().getId()).toList();
        DB.dsl().insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER, INVOICES.ISSUED_ON)
                .values(ExampleData.ACME, "NEW-1", LocalDate.of(2030, 1, 1)).execute();
        Page<InvoicesRecord> second = byDateThenId().after(first.nextCursor().orElseThrow()).findPage(4);
        assertThat(second.rows()).extracting(n -> n.record().getId()).isEqualTo(expectedNext);
        DB.dsl().deleteFrom(INVOICES).where(INVOICES.NUMBER.eq("NEW-1")).execute();
    }

    @Test
    void malformedForeignAndUnsupportedCursorsAreClearErrors() {
        assertThatThrownBy(() -> byDateThenId().after("garbage").findPage(5)).isInstanceOf(InvalidReadException.class)
                .hasMessage("Malformed cursor 'garbage' for invoices: it does not start with 'k1'. Pass the nextCursor() of "
                        + "a previous page unchanged.");
        assertThatThrownBy(() -> byDateThenId().after("k1!!!").findPage(5)).isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("it is not base64url");
        String cursor = byDateThenId().findPage(2).nextCursor().orElseThrow();
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID).after(cursor).findPage(2))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("The cursor was made for the ordering 'invoices:issued_on desc,id desc', but this read orders "
                        + "by 'invoices:id asc'; start again from the first page.");
        String tampered = "k1" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("invoices:issued_on desc,id desc\n5:notad2:17".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> byDateThenId().after(tampered).findPage(2)).isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("the value for invoices.issued_on does not parse");
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.ISSUED_ON).findPage(2))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Keyset pagination of invoices needs a total order: add invoices.id as the last orderBy(...) so "
                        + "that rows with equal sort keys keep a stable order.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.DUE_ON, INVOICES.ID).findPage(2))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Keyset pagination of invoices orders by invoices.due_on, which can be null; a cursor needs "
                        + "non-null sort columns.");
        // the assignee's created_at must not stand in for the invoice's
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.CREATED_AT, INVOICES.ID).columns(INVOICES.ID)
                .with("assignee").findPage(2))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Keyset pagination of invoices orders by invoices.created_at, which columns(...)/omit(...) "
                        + "leave out; select it, the cursor is made of it.");
        assertThatThrownBy(() -> byDateThenId().limit(3).findPage(2)).isInstanceOf(InvalidReadException.class)
                .hasMessage("findPage(...) on invoices pages by cursor; remove limit(...)/offset(...).");
    }

    @Test
    void preparedReadRendersOnceAndRunsWithNewValuesEachTime() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        // tag::prepared-read[]
        PreparedRead<InvoicesRecord> detail = reads.from(INVOICES)
                .where(INVOICES.ID.eq(DSL.param("id", Long.class)))
                .with("lineItems", li -> li.where(INVOICE_LINE_ITEMS.QUANTITY.ge(DSL.param("minQuantity", 1)))
                        .orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags")
                .prepare();
        Node<InvoicesRecord> first = detail.findFirst(Map.of("id", 1L, "minQuantity", 2)).orElseThrow();
        Node<InvoicesRecord> third = detail.findFirst(Map.of("id", 3L, "minQuantity", 1)).orElseThrow();
        // end::prepared-read[]
        assertThat(first.record().getNumber()).isEqualTo("A-001");
        assertThat(first.many("lineItems")).extracting(n -> n.record().get(INVOICE_LINE_ITEMS.DESCRIPTION))
                .containsExactly("Support");
        assertThat(first.many("tags")).hasSize(2);
        assertThat(third.record().getNumber()).isEqualTo("G-001");
        assertThat(third.record().getStatus()).isEqualTo(InvoiceStatus.paid);
        assertThat(third.many("lineItems")).hasSize(1);
        assertThat(detail.findMany(Map.of("id", -1L, "minQuantity", 1))).isEmpty();
        assertThat(DB.counter().count()).isEqualTo(3);
        assertThat(detail.parameterNames()).containsExactlyInAnyOrder("id", "minQuantity");
    }

    @Test
    void preparedReadResultsEqualTheSameReadBuiltEachTime() {
        PreparedRead<InvoicesRecord> prepared = byDateThenId().where(INVOICES.ORGANIZATION_ID.eq(DSL.param("org", Long.class)))
                .prepare();
        assertThat(prepared.findMany(Map.of("org", ExampleData.ACME)).toString())
                .isEqualTo(byDateThenId().where(INVOICES.ORGANIZATION_ID.eq(ExampleData.ACME)).findMany().toString());
    }

    @Test
    void preparedReadRejectsUnknownAndMissingParameters() {
        PreparedRead<InvoicesRecord> detail = DB.get().from(INVOICES).where(INVOICES.ID.eq(DSL.param("id", Long.class))).prepare();
        assertThatThrownBy(() -> detail.findFirst(Map.of("idd", 1L))).isInstanceOf(InvalidReadException.class)
                .hasMessage("Prepared read invoices has no parameter 'idd'; its parameters are id.");
        assertThatThrownBy(() -> detail.findFirst(Map.of())).isInstanceOf(InvalidReadException.class)
                .hasMessage("Prepared read invoices needs a value for parameter 'id'.");
        assertThat(DB.counter().count()).isZero();
    }

    record UserName(String displayName) {
    }

    record InvoiceSummary(String number, Optional<UserName> assignee, UserName creator) {
    }

    @Test
    void preparedReadBindsARepeatedParameterEverywhereAndSkipsInlineValues() {
        // "user" is used twice; whereHas and each to-one's presence marker put inline values into the statement
        Param<Long> user = DSL.param("user", Long.class);
        Supplier<Read<InvoicesRecord>> read = () -> DB.get().from(INVOICES)
                .where(INVOICES.ASSIGNED_TO_ID.eq(user).or(INVOICES.CREATED_BY_ID.eq(user)))
                .whereHas("tags")
                .orderBy(INVOICES.ID)
                .with("assignee").with("creator");
        PreparedRead<InvoicesRecord> prepared = read.get().prepare();
        assertThat(prepared.parameterNames()).containsExactly("user");
        for (long id : new long[] {ExampleData.ADA, ExampleData.BOB, ExampleData.CY}) {
            List<InvoiceSummary> expected = DB.get().from(INVOICES)
                    .where(INVOICES.ASSIGNED_TO_ID.eq(id).or(INVOICES.CREATED_BY_ID.eq(id)))
                    .whereHas("tags").orderBy(INVOICES.ID).with("assignee").with("creator")
                    .findMany(InvoiceSummary.class);
            assertThat(expected).isNotEmpty();
            assertThat(prepared.findMany(InvoiceSummary.class, Map.of("user", id))).isEqualTo(expected);
            assertThat(prepared.findFirst(InvoiceSummary.class, Map.of("user", id))).contains(expected.get(0));
        }
    }

    @Test
    void preparedJsonReadsEqualTheSameJsonReadBuiltEachTime() {
        Param<Long> organization = DSL.param("org", Long.class);
        PreparedRead<InvoicesRecord> prepared = byDateThenId().where(INVOICES.ORGANIZATION_ID.eq(organization))
                .with("assignee").with("tags", t -> t.whereHas("invoices")).prepare();
        for (long org : new long[] {ExampleData.ACME, ExampleData.GLOBEX, -1L}) {
            Supplier<Read<InvoicesRecord>> built = () -> byDateThenId().where(INVOICES.ORGANIZATION_ID.eq(org))
                    .with("assignee").with("tags", t -> t.whereHas("invoices"));
            DB.counter().reset();
            String many = prepared.findManyJson(Map.of("org", org));
            Optional<String> first = prepared.findFirstJson(Map.of("org", org));
            assertThat(DB.counter().count()).isEqualTo(2);
            assertThat(many).isEqualTo(built.get().findManyJson());
            assertThat(first).isEqualTo(built.get().findFirstJson());
            assertThat(first.isPresent()).isEqualTo(org > 0);
        }
        assertThat(prepared.findManyJson(Map.of("org", -1L))).isEqualTo("[]");
    }
}
