package io.jooqrelations.query;

import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordMappingTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    enum Status { draft, open, paid, VOID_UNUSED }

    // tag::record-mapping-types[]
    record LineItemView(int position, String description, BigDecimal unitPrice) {
    }

    record TagView(String name, String color) {
    }

    record UserView(String displayName) {
    }

    record InvoicePage(long id, String number, Status status, BigDecimal total, LocalDate issuedOn, LocalDate dueOn,
            OffsetDateTime createdAt, List<LineItemView> lineItems, List<TagView> tags, Optional<UserView> assignee,
            UserView creator) {
            // end::record-mapping-types[]
    }

    private static Read<?> invoicePage() {
        return DB.get().from(INVOICES)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags", t -> t.orderBy(TAGS.NAME))
                .with("assignee")
                .with("creator");
    }

    @Test
    void mapsColumnsAndRelationsByComponentNameRecursively() {
        DB.counter().reset();
        // tag::record-mapping-call[]
        InvoicePage page = invoicePage().where(INVOICES.ID.eq(INV_1)).findFirst(InvoicePage.class).orElseThrow();
        // end::record-mapping-call[]
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(page.number()).isEqualTo("A-001");
        assertThat(page.status()).isEqualTo(Status.open);
        assertThat(page.total()).isEqualByComparingTo("1250.50");
        assertThat(page.issuedOn()).isEqualTo(LocalDate.of(2026, 1, 10));
        assertThat(page.createdAt()).isNotNull();
        assertThat(page.lineItems()).usingRecursiveFieldByFieldElementComparator(TestDialect.numerically())
                .containsExactly(new LineItemView(1, "Licence", new BigDecimal("400.50")),
                new LineItemView(2, "Support", new BigDecimal("150.00")), new LineItemView(3, "Training", new BigDecimal("100.00")));
        assertThat(page.tags()).containsExactly(new TagView("q3", null), new TagView("urgent", "red"));
        assertThat(page.assignee()).contains(new UserView("Ada"));
        assertThat(page.creator()).isEqualTo(new UserView("Bob"));
    }

    @Test
    void missingToOneMapsToEmptyOrNull() {
        InvoicePage page = invoicePage().where(INVOICES.ID.eq(INV_2)).findFirst(InvoicePage.class).orElseThrow();
        assertThat(page.assignee()).isEmpty();
        assertThat(page.lineItems()).isEmpty();
        assertThat(DB.get().from(INVOICES).findMany(InvoiceNumber.class)).hasSize(3);
    }

    record InvoiceNumber(String number) {
    }

    record WithTypo(long id, String numbr) {
    }

    record WrongType(long id, int total) {
    }

    record PrimitiveForNullable(long id, long assignedToId) {
    }

    record ListForOne(long id, List<UserView> assignee) {
    }

    record NotIncluded(long id, List<LineItemView> lineItems) {
    }

    static final class NotARecord {
    }

    /** A record whose constructor checks its values. */
    record PositiveTotal(long id, BigDecimal total) {
        PositiveTotal {
            if (total.signum() <= 0) {
                throw new IllegalArgumentException("total must be positive, was " + total);
            }
        }
    }

    @Test
    void aComponentThatMatchesNothingFailsBeforeTheQueryRunsAndListsWhatIsThere() {
        DB.counter().reset();
        assertThatThrownBy(() -> DB.get().from(INVOICES).columns(INVOICES.ID, INVOICES.NUMBER).findMany(WithTypo.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessage("WithTypo.numbr matches no column, extra or relation read at invoices. Columns: id, number; "
                        + "extras: none; relations: none. Rename the component, or add the with(...)/extra(...) it needs.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).findMany(NotIncluded.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessageContaining("NotIncluded.lineItems matches no column, extra or relation read at invoices.");
        assertThat(DB.counter().count()).isZero();
    }

    @Test
    void aRecordConstructorThatRejectsARowIsNamedWithTheLevelAndItsReason() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID).findMany(PositiveTotal.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessage("The constructor of io.jooqrelations.query.RecordMappingTest$PositiveTotal rejected a row of "
                        + "invoices: java.lang.IllegalArgumentException: total must be positive, was "
                        + (TestDialect.current() == io.jooqrelations.db.DialectChoice.SQLITE ? "0" : "0.00"));
    }

    @Test
    void aTypeThatCannotHoldTheColumnIsAClearError() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).findFirst(WrongType.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessage("WrongType.total is int but invoices.total holds java.math.BigDecimal; declare the component "
                        + "as BigDecimal.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).findFirst(PrimitiveForNullable.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessage("PrimitiveForNullable.assignedToId is the primitive long but invoices.assigned_to_id can be "
                        + "null; declare it as Long.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("assignee").findFirst(ListForOne.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessage("ListForOne.assignee is a List but invoices.assignee is a one; declare it as "
                        + "Optional<SomeRecord> or SomeRecord.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).findFirst(NotARecord.class))
                .isInstanceOf(ResultMappingException.class)
                .hasMessageStartingWith("io.jooqrelations.query.RecordMappingTest$NotARecord is not a Java record;");
    }
}
