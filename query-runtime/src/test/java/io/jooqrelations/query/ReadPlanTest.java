package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.ACME;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.One;
import io.jooqrelations.example.AppRelations;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every read is frozen into one plan that all back ends (single statement, JSON, one query per level) compile: these
 * are the ways the back ends used to drift apart, each pinned down.
 */
class ReadPlanTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @Test
    void aPreparedReadIsNotChangedByChangingItsBuilderAfterwards() {
        Read<InvoicesRecord> read = DB.get().from(INVOICES).where(INVOICES.ID.eq(DSL.param("id", Long.class)))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION));
        PreparedRead<InvoicesRecord> prepared = read.prepare();
        // the builder goes on: other columns, another relation, another condition
        read.columns(INVOICES.NUMBER).with("tags").where(INVOICES.ID.eq(-1L));

        Node<InvoicesRecord> invoice = prepared.findFirst(Map.of("id", INV_1)).orElseThrow();
        assertThat(invoice.get(INVOICES.TOTAL)).isNotNull();
        assertThat(invoice.many("lineItems")).hasSize(3);
        assertThatThrownBy(() -> invoice.many("tags")).isInstanceOf(InvalidReadException.class)
                .hasMessageContaining("was read without relation 'tags'");
        // the JSON statements are compiled on first use, still from the frozen read
        assertThat(prepared.findFirstJson(Map.of("id", INV_1)).orElseThrow()).contains("\"total\"")
                .contains("\"lineItems\"").doesNotContain("\"tags\"");
        assertThat(read.findMany()).isEmpty();
    }

    @Test
    void queryPerLevelPagesLikeTheSingleStatementAndRefusesWhatNeedsOneStatement() {
        Supplier<Read<InvoicesRecord>> read = () -> DB.get().from(INVOICES).orderBy(INVOICES.ID).with("lineItems",
                li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("organization");
        for (ReadStrategy strategy : ReadStrategy.values()) {
            List<Long> ids = new ArrayList<>();
            String cursor = null;
            do {
                Page<InvoicesRecord> page = read.get().strategy(strategy).after(cursor).findPage(2);
                page.rows().forEach(n -> ids.add(n.record().getId()));
                assertThat(page.rows()).allSatisfy(n -> assertThat(n.one("organization")).isPresent());
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null);
            assertThat(ids).as(strategy.name()).containsExactly(1L, 2L, 3L);
        }
        assertThatThrownBy(() -> read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).stream(10))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("stream(...) on invoices runs one statement, but the read asks for "
                        + "ReadStrategy.QUERY_PER_LEVEL (set on the read, or as its NestedReads' default); call "
                        + ".strategy(ReadStrategy.SINGLE_STATEMENT) on this read.");
        assertThatThrownBy(() -> read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).prepare())
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("prepare() on invoices runs one statement, but the read asks for "
                        + "ReadStrategy.QUERY_PER_LEVEL");
    }

    @RunsOn(value = DialectChoice.POSTGRES, because = "it checks the limits in the SQL text PostgreSQL's way (fetch next); the rows it reads are the randomized test's on every dialect")
    @Test
    void aToOneHoldsAtMostTheRowsItsPolicyAllowsOnEveryBackEnd() {
        // limit(0) at a to-one level leaves no row, whichever back end reads it
        Supplier<Read<InvoicesRecord>> none = () -> DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("organization", o -> o.limit(0));
        assertThat(none.get().findFirst().orElseThrow().one("organization")).isEmpty();
        assertThat(none.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst().orElseThrow().one("organization"))
                .isEmpty();
        assertThat(none.get().findFirstJson().orElseThrow()).contains("\"organization\" : null");
        // a to-one linked to a unique key needs no limit, in the JSON statement as in the single statement
        DB.counter().reset();
        DB.get().from(INVOICES).with("organization", o -> o.where(DSL.trueCondition())).findManyJson();
        DB.get().from(INVOICES).with("organization", o -> o.where(DSL.trueCondition())).findMany();
        assertThat(DB.counter().statements()).hasSize(2)
                .allSatisfy(sql -> assertThat(sql).doesNotContain("fetch next").doesNotContain("limit"));
        // one that may match several rows (through a junction, or with an offset) reads the first only
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("organization", o -> o.offset(0)).toSQL())
                .contains("fetch next");
    }

    @Test
    void aHandleOfAnotherTableIsRefusedWhereverItIsUsed() {
        One<CommentsRecord, InvoicesRecord> commentInvoice = RELATIONS.one(COMMENTS, "invoice", INVOICES);
        // invoice_line_items has a relation named "invoice" too: resolving the handle by name would read that one
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("lineItems",
                li -> li.extra("n", Related.count(commentInvoice))))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Related.count(...) on invoices.lineItems was given the handle of comments.invoice, which "
                        + "starts at comments, but this level reads invoice_line_items; use a relation of "
                        + "invoice_line_items.");
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("lineItems",
                li -> li.orderBy(Related.value(commentInvoice, INVOICES.NUMBER), org.jooq.SortOrder.ASC)))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("Related.value(...) on invoices.lineItems was given the handle of comments.invoice");
    }

    @Test
    void aHandleOfAnotherTableIsRefusedInFiltersAndOnNodes() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Runnable filter = () -> DB.get().from(INVOICES).whereHas("tags",
                t -> ((RelationFilter) t).whereHas((Many) AppRelations.REPLIES, f -> { }));
        assertThatThrownBy(filter::run).isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("Relation comments.replies starts at comments, but relation filter "
                        + "invoices.tags reads tags;");
        Node<InvoicesRecord> invoice = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("lineItems").findFirst()
                .orElseThrow();
        @SuppressWarnings({"rawtypes", "unchecked"})
        Runnable onNode = () -> ((Node) invoice).get((Many) AppRelations.REPLIES);
        assertThatThrownBy(onNode::run).isInstanceOf(InvalidReadException.class)
                .hasMessage("Relation comments.replies starts at comments, but this node (invoices) is a row of "
                        + "invoices; use a relation of invoices.");
    }

    @Test
    void aConditionCannotHideAReferenceToAnotherLevelBehindItsOwnSubquery() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("tags",
                t -> t.where(TAGS.ID.eq(INVOICES.ID).and(exists(selectOne().from(INVOICES))))))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("where(...) on invoices.tags refers to table invoices, but this level reads tags;");
        // the legitimate twin: a subquery that correlates only with its own FROM
        assertThat(DB.get().from(INVOICES).where(INVOICES.ORGANIZATION_ID.eq(ACME)).with("tags",
                t -> t.where(TAGS.NAME.isNotNull().and(exists(selectOne().from(INVOICES).where(INVOICES.ID.eq(INV_1))))))
                .findMany()).hasSize(2);
    }

    @RunsOn(value = DialectChoice.POSTGRES, because = "stream(...) is PostgreSQL only (DialectSupportTest)")
    @Test
    void aStreamNeedsATransactionAndStreamsInsideOne() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy(INVOICES.ID).stream(2))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("stream(2) on invoices needs a transaction: with auto-commit on, PostgreSQL's "
                        + "driver reads every row into memory before returning the first");
        List<Long> ids = DB.dsl().transactionResult(tx -> {
            try (java.util.stream.Stream<Node<InvoicesRecord>> rows = NestedReads.using(tx.dsl(), RELATIONS)
                    .from(INVOICES).orderBy(INVOICES.ID).with("lineItems").stream(2)) {
                return rows.map(n -> n.record().getId()).toList();
            }
        });
        assertThat(ids).containsExactly(1L, 2L, 3L);
    }
}
