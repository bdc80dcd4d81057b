package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.query.ExampleData.ACME;
import static io.jooqrelations.query.ExampleData.GLOBEX;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.query.ExampleData.INV_3;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.query.internal.RenderCache;
import io.jooqrelations.test.MigratedDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads of a shape seen before run the statement rendered then, with their own values; anything that changes the SQL
 * gets a statement of its own. (The whole suite runs with {@code jooqrelations.renderCache.verify}: every reused
 * statement is also rendered afresh and compared.)
 */
@RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL render every read: jOOQ "
        + "sends their MULTISET emulation as several statements (RenderCache)")
class RenderCacheTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static NestedReads reads;

    @BeforeAll
    static void load() {
        ExampleData.load(DB.dsl());
        reads = NestedReads.using(DB.dsl(), RELATIONS);
    }

    private static RenderCache cache() {
        return reads.renderCache();
    }

    private static Read<?> invoiceWithItems() {
        return reads.from(INVOICES).with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags");
    }

    private static List<String> descriptions(Node<?> invoice) {
        return invoice.many("lineItems").stream().map(n -> n.record().get(INVOICE_LINE_ITEMS.DESCRIPTION)).toList();
    }

    @Test
    void aShapeSeenBeforeRunsItsStatementWithTheNewValues() {
        invoiceWithItems().where(INVOICES.ID.eq(INV_1)).findFirst();
        long hits = cache().hits();
        int shapes = cache().size();
        DB.counter().reset();

        Node<?> globex = invoiceWithItems().where(INVOICES.ID.eq(INV_3)).findFirst().orElseThrow();
        Node<?> acme = invoiceWithItems().where(INVOICES.ID.eq(INV_1)).findFirst().orElseThrow();

        assertThat(descriptions(globex)).containsExactly("Widget");
        assertThat(descriptions(acme)).containsExactly("Licence", "Support", "Training");
        assertThat(cache().hits() - hits).isEqualTo(2);
        assertThat(cache().size()).isEqualTo(shapes);
        assertThat(DB.counter().count()).isEqualTo(2);
    }

    @Test
    void whateverChangesTheSqlGetsAStatementOfItsOwn() {
        int shapes = cache().size();
        // the same condition with inline values (written into the SQL), lists of other lengths, another order, a limit
        assertThat(invoiceWithItems().where(INVOICES.ID.eq(DSL.inline(INV_1))).findMany()).hasSize(1);
        assertThat(invoiceWithItems().where(INVOICES.ID.eq(DSL.inline(INV_3))).findFirst().map(RenderCacheTest::descriptions))
                .contains(List.of("Widget"));
        assertThat(invoiceWithItems().where(INVOICES.ID.in(INV_1, INV_2)).findMany()).hasSize(2);
        assertThat(invoiceWithItems().where(INVOICES.ID.in(INV_3)).findMany()).hasSize(1);
        assertThat(reads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION.desc())).findFirst()
                .map(RenderCacheTest::descriptions)).contains(List.of("Training", "Support", "Licence"));
        assertThat(reads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).limit(1)).findFirst()
                .map(RenderCacheTest::descriptions)).contains(List.of("Licence"));
        assertThat(cache().size() - shapes).isEqualTo(6);
    }

    /**
     * The key writes common conditions and sorts itself instead of rendering them (ShapeKey): each operator, each
     * negation, each sort direction and null ordering must still be a shape of its own, or a read would run another's
     * statement and return its rows. {@code between}/{@code notBetween} differ only in state jOOQ's model hides: they
     * are rendered.
     */
    @Test
    void everyOperatorSortDirectionAndNullOrderingTheKeyWritesItselfIsAShapeOfItsOwn() {
        int shapes = cache().size();
        Map<Condition, List<Long>> conditions = new LinkedHashMap<>();
        conditions.put(INVOICES.ID.eq(INV_1), List.of(INV_1));
        conditions.put(INVOICES.ID.ne(INV_1), List.of(INV_2, INV_3));
        conditions.put(INVOICES.ID.lt(INV_2), List.of(INV_1));
        conditions.put(INVOICES.ID.le(INV_2), List.of(INV_1, INV_2));
        conditions.put(INVOICES.ID.gt(INV_2), List.of(INV_3));
        conditions.put(INVOICES.ID.ge(INV_2), List.of(INV_2, INV_3));
        conditions.put(INVOICES.ID.isDistinctFrom(INV_1), List.of(INV_2, INV_3));
        conditions.put(INVOICES.ID.isNotDistinctFrom(INV_2), List.of(INV_2));
        conditions.put(INVOICES.ID.eq(INV_1).or(INVOICES.ID.eq(INV_3)), List.of(INV_1, INV_3));
        conditions.put(INVOICES.ID.eq(INV_1).and(INVOICES.ID.eq(INV_3)), List.of());
        conditions.put(DSL.not(INVOICES.ID.eq(INV_3)), List.of(INV_1, INV_2));
        conditions.put(INVOICES.ASSIGNED_TO_ID.isNull(), List.of(INV_2));
        conditions.put(INVOICES.ASSIGNED_TO_ID.isNotNull(), List.of(INV_1, INV_3));
        conditions.put(INVOICES.ID.in(INV_1, INV_3), List.of(INV_1, INV_3));
        conditions.put(INVOICES.ID.notIn(INV_1, INV_3), List.of(INV_2));
        conditions.put(INVOICES.ID.between(INV_1, INV_2), List.of(INV_1, INV_2));
        conditions.put(INVOICES.ID.notBetween(INV_1, INV_2), List.of(INV_3));
        conditions.put(INVOICES.CREATED_BY_ID.eq(ExampleData.ADA), List.of(INV_2));   // the first's, on another column
        conditions.forEach((condition, ids) -> assertThat(reads.from(INVOICES).where(condition).orderBy(INVOICES.ID)
                .with("lineItems").findMany()).as(condition.toString())
                .extracting(n -> n.record().get(INVOICES.ID)).containsExactlyElementsOf(ids));

        Map<SortField<?>, List<Long>> sorts = new LinkedHashMap<>();
        sorts.put(INVOICES.ASSIGNED_TO_ID.asc().nullsFirst(), List.of(INV_2, INV_1, INV_3));
        sorts.put(INVOICES.ASSIGNED_TO_ID.asc().nullsLast(), List.of(INV_1, INV_3, INV_2));
        sorts.put(INVOICES.ASSIGNED_TO_ID.desc().nullsFirst(), List.of(INV_2, INV_3, INV_1));
        sorts.put(INVOICES.ASSIGNED_TO_ID.desc().nullsLast(), List.of(INV_3, INV_1, INV_2));
        sorts.forEach((sort, ids) -> assertThat(reads.from(INVOICES).orderBy(sort).with("lineItems").findMany())
                .as(sort.toString()).extracting(n -> n.record().get(INVOICES.ID)).containsExactlyElementsOf(ids));

        assertThat(cache().size() - shapes).isEqualTo(conditions.size() + sorts.size());
    }

    @Test
    void valuesThatRenderAlikeButReadAsOtherTypesAreOtherShapes() {
        Object asNumber = reads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .extra("seven", DSL.field("7", Integer.class)).findFirst().orElseThrow().extra("seven");
        Object asText = reads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .extra("seven", DSL.field("7", String.class)).findFirst().orElseThrow().extra("seven");
        assertThat(asNumber).isEqualTo(7);
        assertThat(asText).isEqualTo("7");
    }

    @Test
    void statementsWithManyBindValuesAreRenderedEveryTime() {
        List<Long> ids = java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList();
        long hits = cache().hits();
        for (int i = 0; i < 2; i++) {
            assertThat(invoiceWithItems().where(INVOICES.ID.in(ids)).orderBy(INVOICES.ID).findMany())
                    .extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_1, INV_2, INV_3);
        }
        assertThat(cache().hits()).isEqualTo(hits);
    }

    @Test
    void eachTenantReadsItsOwnRowsThroughTheSameStatement() {
        Read<?> acme = reads.scopedTo(TenantScopeTest.BY_ORGANIZATION, ACME).from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems");
        assertThat(acme.findMany()).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_1, INV_2);
        long hits = cache().hits();

        List<? extends Node<?>> globex = reads.scopedTo(TenantScopeTest.BY_ORGANIZATION, GLOBEX).from(INVOICES)
                .orderBy(INVOICES.ID).with("lineItems").findMany();

        assertThat(globex).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_3);
        assertThat(cache().hits() - hits).isEqualTo(1);
    }

    @Test
    void jsonReadsAreCachedPerFormAndKeys() {
        Read<?> first = reads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).columns(INVOICES.NUMBER)
                .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME));
        assertThat(first.findFirstJson().orElseThrow()).containsSubsequence("A-001", "q3", "urgent");
        long hits = cache().hits();

        String globex = reads.from(INVOICES).where(INVOICES.ID.eq(INV_3)).columns(INVOICES.NUMBER)
                .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME)).findFirstJson().orElseThrow();
        String keyedByColumn = reads.withJsonKeys(JsonKeys.COLUMN_NAMES).from(INVOICES).where(INVOICES.ID.eq(INV_3))
                .columns(INVOICES.NUMBER).with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME))
                .findManyJson();

        assertThat(globex).contains("G-001").contains("urgent").doesNotContain("A-001").doesNotContain("q3");
        assertThat(keyedByColumn).contains("G-001");
        assertThat(cache().hits() - hits).isEqualTo(1);
    }

    @Test
    void aConfigurationWithVisitListenersRendersEveryRead() {
        AtomicInteger visits = new AtomicInteger();
        VisitListener listener = new VisitListener() {
            @Override
            public void visitStart(VisitContext context) {
                visits.incrementAndGet();
            }
        };
        DSLContext listened = DSL.using(DB.dsl().configuration().derive(new DefaultVisitListenerProvider(listener)));
        NestedReads listenedReads = NestedReads.using(listened, RELATIONS);
        assertThat(listenedReads.renderCache()).isNull();

        listenedReads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("lineItems").findFirst();
        int once = visits.get();
        listenedReads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("lineItems").findFirst();

        assertThat(once).isPositive();
        assertThat(visits.get()).isGreaterThanOrEqualTo(2 * once);
    }

    @Test
    void staticStatementsAreRenderedEveryTime() {
        DSLContext inlined = DSL.using(DB.dsl().configuration().derive(
                org.jooq.conf.SettingsTools.clone(DB.dsl().settings()).withStatementType(StatementType.STATIC_STATEMENT)));
        NestedReads inlinedReads = NestedReads.using(inlined, RELATIONS);
        assertThat(inlinedReads.renderCache()).isNull();
        assertThat(inlinedReads.from(INVOICES).where(INVOICES.ID.eq(INV_3)).with("lineItems").findFirst()
                .map(RenderCacheTest::descriptions)).contains(List.of("Widget"));
    }
}
