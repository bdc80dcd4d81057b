package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_3;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.query.internal.RenderCache;
import io.jooqrelations.test.MigratedDatabase;
import java.lang.ref.WeakReference;
import org.jooq.Configuration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The render cache in an application's life: reads built inside transactions, on the Configuration each transaction
 * derives (as Spring's {@code @Transactional} and jOOQ's {@code transactionResult} do), run many times. They hit the
 * application's statements, and neither the configurations nor their connections stay reachable from the cache.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "a property of the client, measured once")
class RenderCacheMemoryTest {

    /** Reads in the long run: {@code -Drendercache.memory.reads=...} for another count. */
    private static final int READS = Integer.getInteger("rendercache.memory.reads", 100_000);

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    private static int readInATransaction(long id) {
        return DB.dsl().transactionResult(transaction -> NestedReads.using(DSL.using(transaction), RELATIONS)
                .from(INVOICES).where(INVOICES.ID.eq(id))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
                .findFirst().orElseThrow().many("lineItems").size());
    }

    @Test
    void readsOnPerTransactionConfigurationsHitTheCacheAndTheHeapStaysFlat() {
        RenderCache cache = NestedReads.using(DB.dsl(), RELATIONS).renderCache();
        for (int i = 0; i < 1_000; i++) {   // warm up: the shape cached, classes loaded, pools filled
            readInATransaction(INV_1);
        }
        DB.counter().reset();
        long usedBefore = usedHeapAfterGc();
        long hits = cache.hits();
        long misses = cache.misses();
        int items = 0;
        for (int i = 0; i < READS; i++) {
            items += readInATransaction(i % 2 == 0 ? INV_1 : INV_3);
            if (i % 1_000 == 0) {
                DB.counter().reset();   // the test database's statement counter keeps each statement's SQL
            }
        }
        long usedAfter = usedHeapAfterGc();
        double hitRate = (double) (cache.hits() - hits) / (cache.hits() - hits + cache.misses() - misses);
        System.out.printf("RenderCacheMemoryTest: %d reads in transactions, hit rate %.5f, used heap after GC %d KB "
                + "before, %d KB after%n", READS, hitRate, usedBefore / 1024, usedAfter / 1024);

        assertThat(items).isEqualTo(READS / 2 * 3 + READS / 2);
        assertThat(hitRate).isEqualTo(1.0);
        assertThat(usedAfter - usedBefore).as("heap growth over %d reads", READS).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aTransactionsConfigurationIsNotKeptAliveByTheCache() {
        WeakReference<Configuration> configuration = readThroughAFreshConfiguration();
        for (int i = 0; i < 20 && configuration.get() != null; i++) {
            System.gc();
            sleep();
        }
        assertThat(configuration.get()).as("the configuration a read ran on, after the read").isNull();
    }

    /** A cached shape keeps where values go, not the values of the read that defined it (nor its plan). */
    @Test
    void aCachedShapeKeepsNoValueOfTheReadThatDefinedIt() {
        RenderCache cache = NestedReads.using(DB.dsl(), RELATIONS).renderCache();
        WeakReference<String> number = readByANumberOfItsOwn();
        for (int i = 0; i < 20 && number.get() != null; i++) {
            System.gc();
            sleep();
        }
        assertThat(number.get()).as("the bind value of the read that defined the shape, after the read").isNull();
        long hits = cache.hits();
        readByNumber(new String("A-001"));
        assertThat(cache.hits() - hits).as("the shape is still cached").isEqualTo(1);
    }

    private static WeakReference<String> readByANumberOfItsOwn() {
        String number = new String("A-00" + 3 + "-unique");   // a value of its own, referenced by nothing else
        readByNumber(number);
        return new WeakReference<>(number);
    }

    private static void readByNumber(String number) {
        NestedReads.using(DB.dsl(), RELATIONS).from(INVOICES).where(INVOICES.NUMBER.eq(number).and(INVOICES.ID.ge(0L)))
                .with("lineItems", li -> li.where(INVOICE_LINE_ITEMS.DESCRIPTION.ne(number + "?"))).findMany();
    }

    private static WeakReference<Configuration> readThroughAFreshConfiguration() {
        Configuration derived = DB.dsl().configuration().derive();
        assertThat(NestedReads.using(DSL.using(derived), RELATIONS).from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("lineItems").findFirst()).isPresent();
        return new WeakReference<>(derived);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {   // the lowest of a few collections: a collector may leave some garbage
            System.gc();
            sleep();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
