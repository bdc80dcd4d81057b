package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.query.QueryPerLevelStrategyTest.normalize;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.PgBouncer;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.test.SharedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every read form through PgBouncer 1.18 in {@code pool_mode = transaction}, started by the test in front of the test's
 * server ({@link PgBouncer}; {@code .ci/run} installs Debian's package and runs this class), with the driver setting the
 * docs give ({@code prepareThreshold=0}: PgBouncer before 1.21 keeps no prepared statements in transaction pooling).
 * Each read's result is compared with the same read directly on the server. PgBouncer holds fewer server connections
 * ({@value #SERVER_CONNECTIONS}) than the pool has clients ({@value #CLIENT_CONNECTIONS}), so clients really share
 * server connections between transactions.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "PgBouncer pools PostgreSQL connections")
@EnabledIfSystemProperty(named = "relations.pgbouncer", matches = "true",
        disabledReason = "needs a pgbouncer binary: run with -Drelations.pgbouncer=true (.ci/run does)")
class ThroughPgBouncerTest {

    private static final int SERVER_CONNECTIONS = 4;
    private static final int CLIENT_CONNECTIONS = 8;
    /** More runs than pgjdbc's default prepareThreshold (5), after which it would name a server-side statement. */
    private static final int RUNS = 7;

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData(ThroughPgBouncerTest::moreInvoices);

    private static PgBouncer bouncer;
    private static HikariDataSource pool;
    private static DSLContext throughBouncer;

    /** Twenty more invoices (ids 4 to 23), a few line items each, so that pages and fan-outs have rows. */
    private static void moreInvoices(DSLContext dsl) {
        for (int i = 0; i < 20; i++) {
            long id = dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER, INVOICES.TOTAL,
                            INVOICES.ISSUED_ON)
                    .values(i % 2 == 0 ? ExampleData.ACME : ExampleData.GLOBEX, "P-" + i, BigDecimal.valueOf(i),
                            LocalDate.of(2026, 3, 1 + i % 4))
                    .returning(INVOICES.ID).fetchOne().getId();
            for (int position = 1; position <= i % 4; position++) {
                dsl.insertInto(INVOICE_LINE_ITEMS, INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION,
                                INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY,
                                INVOICE_LINE_ITEMS.UNIT_PRICE)
                        .values(id, position, "item " + position, position, new BigDecimal("1.50")).execute();
            }
        }
    }

    @BeforeAll
    static void startPgBouncer() {
        bouncer = PgBouncer.start(SharedPostgres.instance().server(), SERVER_CONNECTIONS);
        pool = pool(bouncer.jdbcUrl(DB.databaseName()) + "?prepareThreshold=0");
        throughBouncer = DSL.using(pool, SQLDialect.POSTGRES,
                DialectChoice.POSTGRES.settings().withExecuteLogging(false));
    }

    @AfterAll
    static void stopPgBouncer() {
        if (pool != null) {
            pool.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(SharedPostgres.instance().server().user());
        config.setPassword(SharedPostgres.instance().server().password());
        config.setMaximumPoolSize(CLIENT_CONNECTIONS);
        config.setMinimumIdle(CLIENT_CONNECTIONS);
        config.setPoolName("through-pgbouncer");
        return new HikariDataSource(config);
    }

    // ---- the read forms, each as a function of the reads it runs on and a value that varies per run

    private static Read<InvoicesRecord> invoiceDetail(NestedReads reads) {
        return reads.from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags", t -> t.orderBy(TAGS.NAME))
                .with("organization").with("assignee").with("creator")
                .withCount("comments");
    }

    private static Object findMany(NestedReads reads, long id) {
        return normalize(invoiceDetail(reads).where(INVOICES.ID.le(id)).findMany());
    }

    private static Object findFirst(NestedReads reads, long id) {
        return normalize(invoiceDetail(reads).where(INVOICES.ID.eq(id)).findFirst());
    }

    /** Every page of 5, walked by keyset cursor. */
    private static Object allPages(NestedReads reads, long ignored) {
        List<Object> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<InvoicesRecord> page = reads.from(INVOICES).orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                    .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).after(cursor).findPage(5);
            pages.add(normalize(page.rows()));
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return pages;
    }

    private static Object json(NestedReads reads, long org) {
        return reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.le(org)).orderBy(ORGANIZATIONS.ID)
                .with("invoices", i -> i.orderBy(INVOICES.ID).with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.ID))
                        .with("tags", t -> t.orderBy(TAGS.ID)))
                .findManyJson();
    }

    private static Object firstJson(NestedReads reads, long id) {
        return invoiceDetail(reads).where(INVOICES.ID.eq(id)).findFirstJson();
    }

    private static Object perLevel(NestedReads reads, long id) {
        return normalize(invoiceDetail(reads).where(INVOICES.ID.le(id)).strategy(ReadStrategy.QUERY_PER_LEVEL)
                .findMany());
    }

    private static Object prepared(NestedReads reads, long id) {
        return normalize(reads.from(INVOICES).where(INVOICES.ID.eq(DSL.param("id", Long.class)))
                .with("lineItems", li -> li.where(INVOICE_LINE_ITEMS.QUANTITY.ge(DSL.param("minQuantity", 1)))
                        .orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags", t -> t.orderBy(TAGS.NAME))
                .prepare().findFirst(Map.of("id", id, "minQuantity", (int) (id % 3))));
    }

    /** The forms that run outside a transaction (auto-commit), by name. */
    private static Map<String, BiFunction<NestedReads, Long, Object>> autoCommitForms() {
        Map<String, BiFunction<NestedReads, Long, Object>> forms = new LinkedHashMap<>();
        forms.put("findMany", ThroughPgBouncerTest::findMany);
        forms.put("findFirst", ThroughPgBouncerTest::findFirst);
        forms.put("findPage", ThroughPgBouncerTest::allPages);
        forms.put("findManyJson", ThroughPgBouncerTest::json);
        forms.put("findFirstJson", ThroughPgBouncerTest::firstJson);
        forms.put("queryPerLevel", ThroughPgBouncerTest::perLevel);
        forms.put("prepared", ThroughPgBouncerTest::prepared);
        return forms;
    }

    /**
     * Runs {@code read} through PgBouncer and directly, with and without the render cache, and guarded against JIT
     * (its own transaction per read), {@value #RUNS} times.
     */
    private static void assertSameThroughPgBouncer(BiFunction<NestedReads, Long, Object> read) {
        NestedReads through = NestedReads.using(throughBouncer, RELATIONS);
        Map<String, NestedReads> variants = new LinkedHashMap<>();
        variants.put("render cache", through);
        variants.put("no render cache", through.withoutRenderCache());
        variants.put("JitGuard.ALWAYS", through.withJitGuard(JitGuard.ALWAYS));
        variants.forEach((variant, bounced) -> {
            NestedReads direct = variant.equals("no render cache") ? DB.get().withoutRenderCache() : DB.get();
            for (long run = 1; run <= RUNS; run++) {
                Object expected = read.apply(direct, run);
                assertThat(read.apply(bounced, run)).as("run %d, %s", run, variant).isEqualTo(expected);
            }
        });
    }

    @Test
    void findManyGivesTheSameTreesThroughPgBouncer() {
        assertSameThroughPgBouncer(ThroughPgBouncerTest::findMany);
        assertThat(findMany(DB.get(), 3)).asList().hasSize(3);
    }

    @Test
    void findFirstGivesTheSameTreeThroughPgBouncer() {
        assertSameThroughPgBouncer(ThroughPgBouncerTest::findFirst);
    }

    @Test
    void keysetPagesGiveTheSameRowsThroughPgBouncer() {
        assertSameThroughPgBouncer(ThroughPgBouncerTest::allPages);
        assertThat(allPages(DB.get(), 0)).asList().hasSize(5);
    }

    @Test
    void jsonReadsGiveTheSameTextThroughPgBouncer() {
        assertSameThroughPgBouncer(ThroughPgBouncerTest::json);
        assertSameThroughPgBouncer(ThroughPgBouncerTest::firstJson);
    }

    @Test
    void queryPerLevelInAutoCommitGivesTheSameTreesThroughPgBouncer() {
        assertSameThroughPgBouncer(ThroughPgBouncerTest::perLevel);
    }

    @Test
    void queryPerLevelInsideATransactionGivesTheSameTreesThroughPgBouncer() {
        for (long run = 1; run <= RUNS; run++) {
            long id = run;
            Object expected = DB.dsl().transactionResult(tx -> perLevel(NestedReads.using(tx.dsl(), RELATIONS), id));
            Object result = throughBouncer.transactionResult(
                    tx -> perLevel(NestedReads.using(tx.dsl(), RELATIONS), id));
            assertThat(result).isEqualTo(expected).isEqualTo(perLevel(DB.get(), id));
        }
    }

    @Test
    void aStreamInsideATransactionGivesTheSameTreesThroughPgBouncer() {
        Object expected = normalize(invoiceDetail(DB.get()).findMany());
        for (int run = 1; run <= RUNS; run++) {
            Object streamed = throughBouncer.transactionResult(tx -> {
                try (Stream<Node<InvoicesRecord>> rows = invoiceDetail(NestedReads.using(tx.dsl(), RELATIONS))
                        .stream(3)) {
                    return normalize(rows.toList());
                }
            });
            assertThat(streamed).isEqualTo(expected);
        }
    }

    @Test
    void aPreparedReadRunWithNewValuesGivesTheSameTreesThroughPgBouncer() {
        PreparedRead<InvoicesRecord> throughPgBouncer = preparedDetail(NestedReads.using(throughBouncer, RELATIONS));
        PreparedRead<InvoicesRecord> direct = preparedDetail(DB.get());
        for (long id = 1; id <= 3 * RUNS; id++) {
            Map<String, Object> values = Map.of("id", id % 23 + 1, "minQuantity", (int) (id % 3));
            assertThat(normalize(throughPgBouncer.findFirst(values))).isEqualTo(normalize(direct.findFirst(values)));
            assertThat(throughPgBouncer.findFirstJson(values)).isEqualTo(direct.findFirstJson(values));
        }
        assertSameThroughPgBouncer(ThroughPgBouncerTest::prepared);
    }

    private static PreparedRead<InvoicesRecord> preparedDetail(NestedReads reads) {
        return reads.from(INVOICES).where(INVOICES.ID.eq(DSL.param("id", Long.class)))
                .with("lineItems", li -> li.where(INVOICE_LINE_ITEMS.QUANTITY.ge(DSL.param("minQuantity", 1)))
                        .orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags", t -> t.orderBy(TAGS.NAME)).with("organization")
                .prepare();
    }

    @Test
    void sixteenThreadsRunTenThousandMixedReadsThroughPgBouncerWithoutAnError() throws Exception {
        NestedReads cached = NestedReads.using(throughBouncer, RELATIONS);
        NestedReads uncached = cached.withoutRenderCache();
        NestedReads guarded = cached.withJitGuard(JitGuard.ALWAYS);
        // each form as run through PgBouncer (on the reads given) and the same read directly on the server
        List<BiFunction<NestedReads, Long, Object>> forms = new ArrayList<>(autoCommitForms().values());
        List<BiFunction<NestedReads, Long, Object>> directly = new ArrayList<>(autoCommitForms().values());
        PreparedRead<InvoicesRecord> shared = preparedDetail(cached);
        PreparedRead<InvoicesRecord> sharedDirectly = preparedDetail(DB.get());
        forms.add((reads, id) -> normalize(shared.findFirst(Map.of("id", id, "minQuantity", 1))));
        directly.add((reads, id) -> normalize(sharedDirectly.findFirst(Map.of("id", id, "minQuantity", 1))));
        forms.add((reads, id) -> throughBouncer.transactionResult(
                tx -> perLevel(NestedReads.using(tx.dsl(), RELATIONS), id)));
        directly.add(ThroughPgBouncerTest::perLevel);
        forms.add((reads, id) -> throughBouncer.transactionResult(tx -> {
            try (Stream<Node<InvoicesRecord>> rows = invoiceDetail(NestedReads.using(tx.dsl(), RELATIONS))
                    .where(INVOICES.ID.le(id)).stream(2)) {
                return normalize(rows.toList());
            }
        }));
        directly.add(ThroughPgBouncerTest::findMany);
        int ids = 5;   // each form reads ids 1..5 in turn
        List<List<Object>> expected = new ArrayList<>();
        for (BiFunction<NestedReads, Long, Object> direct : directly) {
            List<Object> byId = new ArrayList<>();
            for (long id = 1; id <= ids; id++) {
                byId.add(direct.apply(DB.get(), id));
            }
            expected.add(byId);
        }
        int threads = 16;
        int total = 10_000;
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = thread; i < total; i += threads) {
                        int form = i % forms.size();
                        long id = 1 + (i / forms.size()) % ids;
                        try {
                            int variant = (i / forms.size()) % 4;   // every fourth uncached, every fourth guarded
                            Object result = forms.get(form).apply(variant == 0 ? uncached : variant == 1 ? guarded
                                    : cached, id);
                            if (!result.equals(expected.get(form).get((int) id - 1))) {
                                mismatches.add("read " + i + " (form " + form + ", id " + id + ")");
                            }
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(errors).as("errors through PgBouncer").isEmpty();
        assertThat(mismatches).as("results that differ from the server's").isEmpty();
        assertThat(done).hasValue(total);
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(CLIENT_CONNECTIONS);
        long serverConnections = ((Number) DB.dsl().fetchValue("select count(*) from pg_stat_activity "
                + "where datname = current_database() and pid <> pg_backend_pid()")).longValue();
        assertThat(serverConnections)
                .as("PgBouncer's server connections: fewer than the pool's clients, so they were shared")
                .isBetween(1L, (long) SERVER_CONNECTIONS);
    }

    /**
     * What the docs' setting prevents. Without {@code prepareThreshold=0}, pgjdbc names a server-side statement
     * ({@code S_1}) on the fifth run of the same SQL on a client connection and runs it by name from then on; in
     * transaction pooling that statement stays behind on whichever server connection ran that transaction. Two client
     * connections, one after the other, get the same server connection from PgBouncer (it reuses the one freed last),
     * so the second client's fifth run creates an {@code S_1} that the first client's fifth run created there already.
     */
    @Test
    void withoutPrepareThresholdZeroTheFifthRunOfAReadFailsOnAnotherClientsPreparedStatement() throws SQLException {
        String url = bouncer.jdbcUrl(DB.databaseName());   // pgjdbc's default: prepareThreshold=5
        String user = SharedPostgres.instance().server().user();
        String password = SharedPostgres.instance().server().password();
        try (Connection first = DriverManager.getConnection(url, user, password);
                Connection second = DriverManager.getConnection(url, user, password)) {
            NestedReads firstReads = NestedReads.using(DSL.using(first, SQLDialect.POSTGRES), RELATIONS);
            NestedReads secondReads = NestedReads.using(DSL.using(second, SQLDialect.POSTGRES), RELATIONS);
            Object expected = findFirst(DB.get(), ExampleData.INV_1);
            for (int run = 1; run <= RUNS; run++) {
                assertThat(findFirst(firstReads, ExampleData.INV_1)).as("first client, run %d", run).isEqualTo(expected);
            }
            for (int run = 1; run <= 4; run++) {
                assertThat(findFirst(secondReads, ExampleData.INV_1)).as("second client, run %d", run)
                        .isEqualTo(expected);
            }
            assertThatThrownBy(() -> findFirst(secondReads, ExampleData.INV_1)).as("second client, run 5")
                    .rootCause().hasMessage("ERROR: prepared statement \"S_1\" already exists");
        }
    }
}
