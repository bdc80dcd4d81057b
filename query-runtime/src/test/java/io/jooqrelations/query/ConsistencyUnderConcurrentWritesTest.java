package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.schema.tables.records.InvoiceLineItemsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writers keep two invariants in every transaction — an invoice's total is the sum of its line items (while items
 * are inserted, changed, deleted and moved between invoices), and the tags "pair-a" and "pair-b" are attached and
 * detached together — while readers check them. A nested read is one statement, so one snapshot: it never sees a
 * torn state. {@link ReadStrategy#QUERY_PER_LEVEL} runs a statement per level, in one read-only repeatable-read
 * transaction: it never sees one either. The same readers written as N+1 (a statement per invoice, no transaction) do,
 * which is what makes this test able to fail.
 * Runs for {@code -Dconsistency.seconds} (default 4).
 */
class ConsistencyUnderConcurrentWritesTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static final int INVOICES_COUNT = 12;
    static final long SECONDS = Long.getLong("consistency.seconds", 4);

    @BeforeAll
    static void load() {
        DSLContext dsl = DB.dsl();
        dsl.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).values("Acme", "acme").execute();
        dsl.insertInto(TAGS, TAGS.NAME).values("pair-a").values("pair-b").execute();
        for (int i = 1; i <= INVOICES_COUNT; i++) {
            dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER).values(1L, "C-" + i).execute();
        }
    }

    private static DSLContext connect(List<Connection> opened) throws Exception {
        Connection connection = DB.dataSource().getConnection();
        synchronized (opened) {
            opened.add(connection);
        }
        return DSL.using(connection, DB.dialect(), DB.dsl().settings());
    }

    /** One transaction that changes line items and tags and keeps both invariants. */
    private static void write(DSLContext dsl, Random random) {
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            long invoice = 1 + random.nextInt(INVOICES_COUNT);
            long other = 1 + random.nextInt(INVOICES_COUNT);
            // writers serialise on the invoices they touch (in id order, so they cannot deadlock), which keeps the
            // committed state consistent; readers take no locks
            // (SQLite has no FOR UPDATE: it runs one writer at a time anyway)
            boolean sqlite = TestDialect.current() == io.jooqrelations.db.DialectChoice.SQLITE;
            var locked = t.selectFrom(INVOICES).where(INVOICES.ID.in(invoice, other)).orderBy(INVOICES.ID);
            (sqlite ? locked : locked.forUpdate()).fetch();
            var itemsOfInvoice = t.selectFrom(INVOICE_LINE_ITEMS).where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(invoice));
            List<InvoiceLineItemsRecord> items = (sqlite ? itemsOfInvoice : itemsOfInvoice.forUpdate()).fetch();
            switch (items.isEmpty() ? 0 : random.nextInt(4)) {
                case 0 -> t.insertInto(INVOICE_LINE_ITEMS, INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION,
                                INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                        .values(invoice, 1 + items.stream().mapToInt(InvoiceLineItemsRecord::getPosition).max().orElse(0),
                                "item", 1 + random.nextInt(5), BigDecimal.valueOf(random.nextInt(10_000), 2))
                        .execute();
                case 1 -> t.update(INVOICE_LINE_ITEMS).set(INVOICE_LINE_ITEMS.QUANTITY, 1 + random.nextInt(9))
                        .where(INVOICE_LINE_ITEMS.ID.eq(items.get(0).getId())).execute();
                case 2 -> t.deleteFrom(INVOICE_LINE_ITEMS).where(INVOICE_LINE_ITEMS.ID.eq(items.get(0).getId())).execute();
                default -> t.update(INVOICE_LINE_ITEMS).set(INVOICE_LINE_ITEMS.INVOICE_ID, other)
                        .set(INVOICE_LINE_ITEMS.POSITION, DSL.select(DSL.coalesce(DSL.max(INVOICE_LINE_ITEMS.POSITION), 0).plus(1))
                                .from(INVOICE_LINE_ITEMS).where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(other)).asField())
                        .where(INVOICE_LINE_ITEMS.ID.eq(items.get(0).getId())).execute();
            }
            t.update(INVOICES).set(INVOICES.TOTAL, DSL.select(DSL.coalesce(DSL.sum(INVOICE_LINE_ITEMS.QUANTITY
                            .mul(INVOICE_LINE_ITEMS.UNIT_PRICE)), BigDecimal.ZERO)).from(INVOICE_LINE_ITEMS)
                            .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(INVOICES.ID)).<BigDecimal>asField())
                    .where(INVOICES.ID.in(invoice, other)).execute();
            // tags travel in pairs
            if (t.fetchExists(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID.eq(invoice))) {
                t.deleteFrom(INVOICE_TAGS).where(INVOICE_TAGS.INVOICE_ID.eq(invoice)).execute();
            } else {
                t.insertInto(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID).values(invoice, 1L).values(invoice, 2L)
                        .execute();
            }
        });
    }

    /** The invariants of one invoice as read: a total equal to its items' sum, zero or two tags. */
    private static boolean consistent(BigDecimal total, List<InvoiceLineItemsRecord> items, int tags) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLineItemsRecord item : items) {
            sum = sum.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
        }
        // to the cent: SQLite keeps numeric(12, 2) as a floating-point number, so its sums carry binary fractions
        java.math.RoundingMode half = java.math.RoundingMode.HALF_UP;
        return total.setScale(2, half).compareTo(sum.setScale(2, half)) == 0 && (tags == 0 || tags == 2);
    }

    /** Checks the invariants of one invoice read with its line items and tags, counting it and any violation. */
    private static void check(Node<?> invoice, AtomicLong checked, AtomicLong violations) {
        checked.incrementAndGet();
        List<InvoiceLineItemsRecord> items = new ArrayList<>();
        invoice.many("lineItems").forEach(n -> items.add((InvoiceLineItemsRecord) n.record()));
        if (!consistent(invoice.record().get(INVOICES.TOTAL), items, invoice.many("tags").size())) {
            violations.incrementAndGet();
        }
    }

    @Test
    void nestedReadsAlwaysSeeOneSnapshotWhileNPlusOneReadsSeeTornStates() throws Exception {
        List<Connection> opened = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        AtomicLong nestedChecked = new AtomicLong();
        AtomicLong nestedViolations = new AtomicLong();
        AtomicLong perLevelChecked = new AtomicLong();
        AtomicLong perLevelViolations = new AtomicLong();
        AtomicLong nPlusOneChecked = new AtomicLong();
        AtomicLong nPlusOneViolations = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int w = 0; w < 2; w++) {
                DSLContext dsl = connect(opened);
                Random random = new Random(w);
                tasks.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            write(dsl, random);
                            writes.incrementAndGet();
                        } catch (org.jooq.exception.DataAccessException e) {
                            // InnoDB (MariaDB) may pick a writer as a deadlock victim (its gap locks), and SQLite
                            // refuses a second writer outright (SQLITE_BUSY): both write again. On PostgreSQL the
                            // writers lock in id order and cannot deadlock, so any failure there fails the test.
                            boolean retry = !TestDialect.postgres()
                                    && (e.getCause() instanceof java.sql.SQLTransactionRollbackException
                                            || String.valueOf(e.getMessage()).contains("SQLITE_BUSY"));
                            if (running.get() && !retry) {
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            NestedReads invoiceReads = NestedReads.using(connect(opened), RELATIONS);
            tasks.add(pool.submit(() -> {
                while (running.get()) {
                    for (Node<InvoicesRecord> invoice : invoiceReads.from(INVOICES).with("lineItems").with("tags").findMany()) {
                        check(invoice, nestedChecked, nestedViolations);
                    }
                }
                return null;
            }));
            NestedReads organizationReads = NestedReads.using(connect(opened), RELATIONS);
            tasks.add(pool.submit(() -> {
                while (running.get()) {
                    Node<?> org = organizationReads.from(ORGANIZATIONS)
                            .with("invoices", i -> i.with("lineItems").with("tags")).findFirst().orElseThrow();
                    for (Node<?> invoice : org.many("invoices")) {
                        check(invoice, nestedChecked, nestedViolations);
                    }
                }
                return null;
            }));
            NestedReads perLevelReads = NestedReads.using(connect(opened), RELATIONS);
            tasks.add(pool.submit(() -> {
                while (running.get()) {
                    for (Node<InvoicesRecord> invoice : perLevelReads.from(INVOICES).with("lineItems").with("tags")
                            .strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()) {
                        check(invoice, perLevelChecked, perLevelViolations);
                    }
                }
                return null;
            }));
            DSLContext naive = connect(opened);
            tasks.add(pool.submit(() -> {
                while (running.get()) {
                    for (InvoicesRecord invoice : naive.selectFrom(INVOICES).fetch()) {
                        List<InvoiceLineItemsRecord> items = naive.selectFrom(INVOICE_LINE_ITEMS)
                                .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(invoice.getId())).fetch();
                        int tags = naive.fetchCount(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID.eq(invoice.getId()));
                        nPlusOneChecked.incrementAndGet();
                        if (!consistent(invoice.getTotal(), items, tags)) {
                            nPlusOneViolations.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
            Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        } finally {
            running.set(false);
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (Connection c : opened) {
                c.close();
            }
        }
        System.out.printf("consistency: %d write transactions; nested reads checked %d invoices, %d violations; "
                        + "query-per-level reads checked %d invoices, %d violations; N+1 reads checked %d invoices, "
                        + "%d violations%n", writes.get(), nestedChecked.get(), nestedViolations.get(),
                perLevelChecked.get(), perLevelViolations.get(), nPlusOneChecked.get(), nPlusOneViolations.get());
        assertThat(writes.get()).isGreaterThan(20);
        assertThat(nestedChecked.get()).isGreaterThan(100);
        assertThat(nestedViolations.get()).as("torn states seen by one-statement nested reads").isZero();
        assertThat(perLevelChecked.get()).isGreaterThan(100);
        assertThat(perLevelViolations.get()).as("torn states seen by query-per-level reads").isZero();
        assertThat(nPlusOneViolations.get()).as("the N+1 readers must see torn states, or this test proves nothing")
                .isPositive();
    }
}
