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
import io.jooqrelations.test.ReadyDatabase;
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
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    private static RenderCache cache() {
        return DB.get().renderCache();
    }

    private static Read<?> invoiceWithItems() {
        return DB.get().from(INVOICES).with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags");
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
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION.desc())).findFirst()
                .map(RenderCacheTest::descriptions)).contains(List.of("Training", "Support", "Licence"));
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
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
        conditions.forEach((condition, ids) -> assertThat(DB.get().from(INVOICES).where(condition).orderBy(INVOICES.ID)
                .with("lineItems").findMany()).as(condition.toString())
                .extracting(n -> n.record().get(INVOICES.ID)).containsExactlyElementsOf(ids));

        Map<SortField<?>, List<Long>> sorts = new LinkedHashMap<>();
        sorts.put(INVOICES.ASSIGNED_TO_ID.asc().nullsFirst(), List.of(INV_2, INV_1, INV_3));
        sorts.put(INVOICES.ASSIGNED_TO_ID.asc().nullsLast(), List.of(INV_1, INV_3, INV_2));
        sorts.put(INVOICES.ASSIGNED_TO_ID.desc().nullsFirst(), List.of(INV_2, INV_3, INV_1));
        sorts.put(INVOICES.ASSIGNED_TO_ID.desc().nullsLast(), List.of(INV_3, INV_1, INV_2));
        sorts.forEach((sort, ids) -> assertThat(DB.get().from(INVOICES).orderBy(sort).with("lineItems").findMany())
                .as(sort.toString()).extracting(n -> n.record().get(INVOICES.ID)).containsExactlyElementsOf(ids));

        assertThat(cache().size() - shapes).isEqualTo(conditions.size() + sorts.size());
    }

    @Test
    void valuesThatRenderAlikeButReadAsOtherTypesAreOtherShapes() {
        Object asNumber = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .extra("seven", DSL.field("7", Integer.class)).findFirst().orElseThrow().extra("seven");
        Object asText = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .extra("seven", DSL.field("7", String.class)).findFirst().orElseThrow().extra("seven");
        assertThat(asNumber).isEqualTo(7);
        assertThat(asText).isEqualTo("7");
    }

    private static List<Long> ids(List<? extends Node<?>> invoices) {
        return invoices.stream().map(n -> n.record().get(INVOICES.ID)).toList();
    }

    /**
     * Issue 24's first reproduction: a converter whose lambda captures a per-request value (a rate, a unit, a time
     * zone) decodes each read with that read's value — at the top level and on a nested level — and reads with the
     * same value share a statement (the key holds the lambda's class and its captured value, see BehaviourKey).
     */
    @Test
    void aConverterCapturingAPerRequestValueDecodesEachReadWithItsOwnValue() {
        List<Object> scaled = new java.util.ArrayList<>();
        List<Object> nested = new java.util.ArrayList<>();
        long hits = 0;
        for (long rate : new long[] {1, 2, 3, 2}) {
            hits = cache().hits();
            Node<?> invoice = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_3))
                    .extra("scaled", INVOICES.ID.convertFrom(id -> id * rate))
                    .with("lineItems", li -> li.extra("scaledPosition",
                            INVOICE_LINE_ITEMS.POSITION.convertFrom(position -> position * rate)))
                    .findFirst().orElseThrow();
            scaled.add(invoice.extra("scaled"));
            nested.add(invoice.many("lineItems").get(0).extra("scaledPosition"));
        }
        assertThat(scaled).containsExactly(3L, 6L, 9L, 6L);
        assertThat(nested).containsExactly(1L, 2L, 3L, 2L);
        assertThat(cache().hits() - hits).as("the second read with rate 2 runs the first one's statement").isEqualTo(1);
    }

    /** A converter holding a mutable object is keyed by its identity: each read decodes with its own. */
    @Test
    void aConverterHoldingMutableStateIsNeverSharedWithAnotherRead() {
        List<Object> scaled = new java.util.ArrayList<>();
        for (long rate : new long[] {2, 5}) {
            java.util.concurrent.atomic.AtomicLong holder = new java.util.concurrent.atomic.AtomicLong(rate);
            scaled.add(DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_3))
                    .extra("scaled", INVOICES.ID.convertFrom(id -> id * holder.get())).findFirst().orElseThrow()
                    .extra("scaled"));
        }
        assertThat(scaled).containsExactly(6L, 15L);
    }

    /**
     * Issue 24's second reproduction: one Param object in two places of a read cannot define its shape's statement
     * (which ? is which place cannot be told by the object); the next read of the shape, with two values, gets a
     * statement binding each in its place — and a read with the shared Param still runs it right.
     */
    @Test
    void oneParamUsedTwiceInAReadDoesNotMakeTheNextReadBindOneValueTwice() {
        org.jooq.Param<Long> d = DSL.val(INV_2);
        assertThat(ids(DB.get().from(INVOICES).where(INVOICES.ID.ge(d), INVOICES.ID.le(d)).orderBy(INVOICES.ID).findMany()))
                .containsExactly(INV_2);
        assertThat(ids(DB.get().from(INVOICES).where(INVOICES.ID.ge(DSL.val(INV_1)), INVOICES.ID.le(DSL.val(INV_3)))
                .orderBy(INVOICES.ID).findMany())).containsExactly(INV_1, INV_2, INV_3);
        long hits = cache().hits();
        assertThat(ids(DB.get().from(INVOICES).where(INVOICES.ID.ge(d), INVOICES.ID.le(d)).orderBy(INVOICES.ID).findMany()))
                .containsExactly(INV_2);
        assertThat(cache().hits() - hits).isEqualTo(1);
    }

    /**
     * A bind value of jOOQ's type OTHER renders a cast chosen by the value's class ({@code cast(? as date)} for a
     * LocalDate, {@code cast(? as timestamp with time zone)} for an OffsetDateTime): its reads are never cached, or the
     * second would compare its timestamp as the first one's date.
     */
    @Test
    @RunsOn(value = DialectChoice.POSTGRES, because = "the casts are PostgreSQL's")
    void aBindValueOfTypeOtherIsRenderedForItsOwnValue() {
        org.jooq.Field<Object> createdAt = DSL.field(INVOICES.CREATED_AT.getQualifiedName());
        java.time.OffsetDateTime inAnHour = java.time.OffsetDateTime.now().plusHours(1);
        long hits = cache().hits();
        assertThat(DB.get().from(INVOICES).where(createdAt.gt(DSL.val(java.time.LocalDate.now().minusDays(2),
                org.jooq.impl.SQLDataType.OTHER))).findMany()).hasSize(3);
        assertThat(DB.get().from(INVOICES).where(createdAt.gt(DSL.val(inAnHour, org.jooq.impl.SQLDataType.OTHER)))
                .findMany()).isEmpty();
        assertThat(cache().hits()).isEqualTo(hits);
    }

    /**
     * A query part of a user's class may render from state or context the key cannot see — this one writes its bound
     * only where it is rendered inside a subquery (a nested level), so its rendering in the key is the same for every
     * bound: reads holding one are not cached, or the second would run the first one's bound.
     */
    @Test
    void aReadHoldingAUsersOwnQueryPartIsRenderedEveryTime() {
        class IdAtLeastInSubqueries extends org.jooq.impl.CustomCondition {
            private final long min;

            IdAtLeastInSubqueries(long min) {
                this.min = min;
            }

            @Override
            public void accept(org.jooq.Context<?> ctx) {
                ctx.visit(ctx.subquery() ? INVOICES.ID.ge(DSL.inline(min)) : DSL.trueCondition());
            }
        }
        long hits = cache().hits();
        for (long min : new long[] {INV_2, INV_3}) {
            Node<?> acme = DB.get().from(io.jooqrelations.schema.Tables.ORGANIZATIONS)
                    .where(io.jooqrelations.schema.Tables.ORGANIZATIONS.ID.eq(ACME))
                    .with("invoices", i -> i.where(new IdAtLeastInSubqueries(min)).orderBy(INVOICES.ID))
                    .findFirst().orElseThrow();
            assertThat(ids(acme.many("invoices"))).containsExactly(min == INV_2 ? new Long[] {INV_2} : new Long[0]);
        }
        assertThat(cache().hits()).isEqualTo(hits);
    }

    /**
     * Spring's {@code @Transactional} and jOOQ's {@code transactionResult} derive a new Configuration per transaction:
     * reads built on it share the application's statements (one cache per dialect and settings).
     */
    @Test
    void readsOnPerTransactionConfigurationsHitTheApplicationsCache() {
        invoiceWithItems().where(INVOICES.ID.eq(INV_1)).findFirst();
        long hits = cache().hits();
        for (long id : new long[] {INV_1, INV_2, INV_3, INV_1}) {
            List<String> items = DB.dsl().transactionResult(cfg -> NestedReads.using(DSL.using(cfg), RELATIONS)
                    .from(INVOICES).where(INVOICES.ID.eq(id))
                    .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags")
                    .findFirst().map(RenderCacheTest::descriptions).orElseThrow());
            assertThat(items).isEqualTo(id == INV_1 ? List.of("Licence", "Support", "Training")
                    : id == INV_3 ? List.of("Widget") : List.of());
            assertThat(NestedReads.using(DSL.using(cfg(DB.dsl())), RELATIONS).renderCache()).isSameAs(cache());
        }
        assertThat(cache().hits() - hits).isEqualTo(4);
    }

    /** The cache is bounded; what it forgets is what was used longest ago, never the shape an application reads all along. */
    @Test
    void aShapeInUseStaysCachedWhileThousandsOfOthersComeAndGo() {
        invoiceWithItems().where(INVOICES.ID.eq(INV_1)).findFirst();
        int others = 2_500;   // more than the cache holds: each limit is written into the SQL, a shape of its own
        for (int limit = 0; limit < others; limit++) {
            assertThat(DB.get().from(INVOICES).orderBy(INVOICES.ID).limit(limit + 1).findMany()).hasSize(Math.min(limit + 1, 3));
            if (limit % 50 == 0) {
                long hits = cache().hits();
                assertThat(invoiceWithItems().where(INVOICES.ID.eq(INV_3)).findFirst().map(RenderCacheTest::descriptions))
                        .contains(List.of("Widget"));
                assertThat(cache().hits() - hits).as("the shape in use, after %d others", limit).isEqualTo(1);
            }
        }
        assertThat(cache().size()).isLessThanOrEqualTo(2_000);
    }

    private static org.jooq.Configuration cfg(DSLContext dsl) {
        return dsl.configuration().derive();
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
        Read<?> acme = DB.get().scopedTo(TenantScopeTest.BY_ORGANIZATION, ACME).from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems");
        assertThat(acme.findMany()).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_1, INV_2);
        long hits = cache().hits();

        List<? extends Node<?>> globex = DB.get().scopedTo(TenantScopeTest.BY_ORGANIZATION, GLOBEX).from(INVOICES)
                .orderBy(INVOICES.ID).with("lineItems").findMany();

        assertThat(globex).extracting(n -> n.record().get(INVOICES.ID)).containsExactly(INV_3);
        assertThat(cache().hits() - hits).isEqualTo(1);
    }

    @Test
    void jsonReadsAreCachedPerFormAndKeys() {
        Read<?> first = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1)).columns(INVOICES.NUMBER)
                .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME));
        assertThat(first.findFirstJson().orElseThrow()).containsSubsequence("A-001", "q3", "urgent");
        long hits = cache().hits();

        String globex = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_3)).columns(INVOICES.NUMBER)
                .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME)).findFirstJson().orElseThrow();
        String keyedByColumn = DB.get().withJsonKeys(JsonKeys.COLUMN_NAMES).from(INVOICES).where(INVOICES.ID.eq(INV_3))
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
