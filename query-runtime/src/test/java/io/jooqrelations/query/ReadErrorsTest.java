package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.example.AppRelations.REPLIES;
import static io.jooqrelations.example.AppRelations.TAGS_OF_INVOICE;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.UnknownRelationException;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import org.jooq.Condition;
import org.jooq.OrderField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadErrorsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    @Test
    void unknownRelationNameFromUserInputListsTheTablesRelationsSuggestsTheNearestAndExecutesNothing() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        // tag::unknown-relation-error[]
        assertThatThrownBy(() -> reads.from(INVOICES).with("lineitems").findMany())
                .isInstanceOf(UnknownRelationException.class)
                .hasMessage("Table invoices has no relation 'lineitems'. Did you mean 'lineItems'? Its relations are: "
                        + "organization, assignee, creator, lineItems, tags, comments.");
                        // end::unknown-relation-error[]
        assertThatThrownBy(() -> reads.from(INVOICES).with("memberships"))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessageStartingWith("Table invoices has no relation 'memberships'.");
        assertThat(DB.counter().count()).isZero();
    }

    @Test
    void aHandleOfAnotherTableIsRejected() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Many<io.jooqrelations.schema.tables.records.InvoicesRecord, CommentsRecord> wrong = (Many) REPLIES;
        assertThatThrownBy(() -> DB.get().from(INVOICES).with(wrong))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Relation comments.replies starts at comments, but this level (invoices) reads invoices; use a "
                        + "relation of invoices: organization, assignee, creator, lineItems, tags, comments.");
    }

    @Test
    void aConditionOrOrderOnAnotherLevelsTableIsRejectedInsteadOfSilentlyCorrelating() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("lineItems", li -> li.where(INVOICES.NUMBER.eq("A-001"))))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("where(...) on invoices.lineItems refers to table invoices, but this level reads "
                        + "invoice_line_items; a level's conditions, orders and extras use its own table's columns. To "
                        + "filter by a related table use whereHas(...), or give the condition at the level that reads "
                        + "invoices.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(TAGS.NAME))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("orderBy(...) on invoices refers to table tags, but this level reads invoices;");
        assertThatThrownBy(() -> DB.get().from(INVOICES).with(TAGS_OF_INVOICE, t -> t.orderBy(INVOICES.ID.desc())))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("orderBy(...) on invoices.tags refers to table invoices");
        // a subquery of its own over another table is fine
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.in(org.jooq.impl.DSL.select(INVOICE_LINE_ITEMS.INVOICE_ID)
                .from(INVOICE_LINE_ITEMS))).findMany()).hasSize(2);
    }

    @Test
    void negativeLimitAndOffsetAreRejected() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).limit(-1)).isInstanceOf(InvalidReadException.class)
                .hasMessage("limit(-1) on invoices: a limit must be 0 or more.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("lineItems", li -> li.offset(-5)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("offset(-5) on invoices.lineItems: an offset must be 0 or more.");
    }

    @Test
    void columnsThatLeaveNothingToSelectAreRejected() {
        assertThatThrownBy(() -> DB.get().from(ORGANIZATIONS).columns()).isInstanceOf(InvalidReadException.class)
                .hasMessage("columns() on organizations selects nothing; name at least one column of organizations, or "
                        + "leave columns(...) out to select all.");
        assertThatThrownBy(() -> DB.get().from(TAGS).omit(TAGS.ID, TAGS.NAME, TAGS.COLOR))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("omit(...) on tags leaves no column of tags to select; keep at least one column.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).columns(INVOICE_LINE_ITEMS.ID.getTable().field(0) == null ? null : null))
                .isInstanceOf(InvalidReadException.class);
    }

    @Test
    void nullArgumentsNameTheMethodAndTheLevel() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).where((Condition) null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("where(...) on invoices was given null.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy((OrderField<?>) null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("orderBy(...) on invoices was given null.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).with((String) null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("with(...) on invoices was given null.");
        assertThatThrownBy(() -> DB.get().from(null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("from(null): pass a generated table such as Tables.INVOICES.");
        assertThatThrownBy(() -> NestedReads.using(null, RELATIONS)).isInstanceOf(InvalidReadException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("x", (org.jooq.Field<?>) null)).isInstanceOf(InvalidReadException.class)
                .hasMessage("extra(...) on invoices was given null.");
    }

    @Test
    void extraNamesMustBeIdentifiersAndNotCollide() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("total", INVOICES.TOTAL))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("extra(\"total\") on invoices collides with column invoices.total; choose another name.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("a\"; drop table x; --", INVOICES.TOTAL))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("a name must be letters, digits and '_', starting with a letter.");
    }

    @Test
    void askingANodeForARelationTheReadDidNotIncludeSaysWhichWithToAdd() {
        Node<?> invoice = DB.get().from(INVOICES).findFirst().orElseThrow();
        assertThatThrownBy(() -> invoice.many("tags")).isInstanceOf(InvalidReadException.class)
                .hasMessage("Node invoices was read without relation 'tags'. The relation exists but this read did not "
                        + "include it: add .with(\"tags\") at invoices.");
        assertThatThrownBy(() -> invoice.many("tagz")).isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("Table invoices has no relation 'tagz'");
        Node<?> withTags = DB.get().from(INVOICES).with("tags").findFirst().orElseThrow();
        assertThatThrownBy(() -> withTags.one("tags")).isInstanceOf(InvalidReadException.class)
                .hasMessage("Relation invoices.tags is a many; read it with many(\"tags\").");
        Node<?> onlyId = DB.get().from(INVOICES).columns(INVOICES.ID).findFirst().orElseThrow();
        assertThatThrownBy(() -> onlyId.get(INVOICES.TOTAL)).isInstanceOf(InvalidReadException.class)
                .hasMessage("Column total was not selected at invoices; selected: id.");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void readsDeeperThanTheLimitFailClearlyInsteadOfOverflowing() {
        assertThatThrownBy(() -> DB.get().from(COMMENTS).with(REPLIES, r -> deeper(r, 30)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("nests deeper than 16 levels");
        assertThat(DB.get().from(COMMENTS).with(REPLIES, r -> deeper(r, 14)).findMany()).isNotEmpty();
        assertThat(DB.counter().count()).isEqualTo(1);
    }

    private static void deeper(Level<CommentsRecord> level, int remaining) {
        if (remaining > 0) {
            level.with(REPLIES, r -> deeper(r, remaining - 1));
        }
    }

    @Test
    void aStringValueThatLooksLikeAColumnOfAnotherTableIsDataNotAReference() {
        assertThat(DB.get().from(io.jooqrelations.schema.Tables.USERS)
                .where(io.jooqrelations.schema.Tables.USERS.DISPLAY_NAME.eq(org.jooq.impl.DSL.inline("see \"invoices\".\"id\"")))
                .findMany()).isEmpty();
    }

    @Test
    void limitZeroWinsOverFindFirstAndOverToOneRelations() {
        assertThat(DB.get().from(INVOICES).orderBy(INVOICES.ID).limit(0).findFirst()).isEmpty();
        assertThat(DB.get().from(INVOICES).orderBy(INVOICES.ID).limit(0).columns(INVOICES.ID).findFirstJson()).isEmpty();
        Node<?> invoice = DB.get().from(INVOICES).where(INVOICES.ID.eq(1L)).with("assignee", a -> a.limit(0)).findFirst().orElseThrow();
        assertThat(invoice.one("assignee")).isEmpty();
        Node<?> withOffset = DB.get().from(INVOICES).where(INVOICES.ID.eq(1L)).with("organization", o -> o.offset(1))
                .findFirst().orElseThrow();
        assertThat(withOffset.one("organization")).isEmpty();
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedWhenTheyAreGivenNotInsideTheRead() {
        PreparedRead<io.jooqrelations.schema.tables.records.InvoicesRecord> byId = DB.get().from(INVOICES)
                .where(INVOICES.ID.eq(org.jooq.impl.DSL.param("id", Long.class))).prepare();
        // jOOQ would turn the text into null and the read would silently find nothing
        assertThatThrownBy(() -> byId.findMany(java.util.Map.of("id", "seven")))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Prepared read invoices: parameter 'id' is a Long, but was given seven (String); pass a value "
                        + "of that type.");
        assertThatThrownBy(() -> DB.get().scopedTo(TenantScopeTest.BY_ORGANIZATION, java.util.UUID.randomUUID()))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("the tenant id is a UUID, but ")
                .hasMessageEndingWith("holds Long; pass the id as a Long.");
        assertThat(DB.get().scopedTo(TenantScopeTest.BY_ORGANIZATION, "1").from(INVOICES).findMany()).isNotEmpty();
        assertThat(DB.counter().count()).isEqualTo(1);
    }

    @Test
    void aPageAsLargeAsAnIntIsRefusedNotOverflowed() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID).findPage(Integer.MAX_VALUE))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("findPage(2147483647) on invoices: a page holds between 1 and 2147483646 rows; read more with "
                        + "findMany() or stream(...).");
    }
}
