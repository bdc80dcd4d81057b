package io.jooqrelations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import io.jooqrelations.test.MigratedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The benchmarks compare like with like: on a small generated data set, the five ways (and the library's
 * query-per-level strategy) return equal view records for every scenario, and the library reads each in exactly one
 * statement.
 */
class FiveWaysAgreeTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static final DataSize SIZE = DataSize.ofScale(0.01);

    static Connection jdbc;
    static StatementTally jdbcTally;
    static Ways ways;
    static Targets targets;
    static Map<String, Long> rows;

    @BeforeAll
    static void generate() throws SQLException {
        jdbc = DB.dataSource().getConnection();
        rows = DataGenerator.generate(jdbc, SIZE, DataGenerator.DEFAULT_SEED,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        targets = Targets.choose(jdbc, SIZE, DataGenerator.DEFAULT_SEED);
        jdbcTally = new StatementTally();
        ways = Ways.over(DB.dsl(), jdbc, jdbcTally);
    }

    @AfterAll
    static void close() throws SQLException {
        jdbc.close();
    }

    /** Reads with all five ways, asserts they agree, and that (a) and (b) send one jOOQ statement, (c) one JDBC one. */
    private static <T> T agree(String what, Function<Way, T> read) {
        DB.counter().reset();
        T expected = read.apply(ways.library());
        assertThat(DB.counter().count()).as("statements of (a) for " + what).isEqualTo(1);

        DB.counter().reset();
        assertThat(read.apply(ways.multiset())).as("(b) hand-written multiset, " + what).isEqualTo(expected);
        assertThat(DB.counter().count()).as("statements of (b) for " + what).isEqualTo(1);

        long before = jdbcTally.count();
        assertThat(read.apply(ways.jsonAgg())).as("(c) json_agg over JDBC, " + what).isEqualTo(expected);
        assertThat(jdbcTally.count() - before).as("statements of (c) for " + what).isEqualTo(1);

        assertThat(read.apply(ways.nPlusOne())).as("(d) N+1, " + what).isEqualTo(expected);
        assertThat(read.apply(ways.perLevel())).as("(e) query per level, " + what).isEqualTo(expected);
        assertThat(read.apply(ways.libraryPerLevel())).as("(f) the library's query-per-level strategy, " + what)
                .isEqualTo(expected);
        return expected;
    }

    @Test
    void theDataSetHasEveryTableFilledAtTheRequestedScale() {
        assertThat(rows).containsEntry("organizations", (long) SIZE.organizations())
                .containsEntry("users", (long) SIZE.users())
                .containsEntry("invoices", (long) SIZE.invoices())
                .containsEntry("tags", (long) SIZE.tags());
        assertThat(rows.get("invoice_line_items")).isBetween(SIZE.invoices() * 4L, SIZE.invoices() * 6L);
        assertThat(rows.get("invoice_tags")).isBetween(SIZE.invoices() * 3L / 2, SIZE.invoices() * 5L / 2);
        assertThat(rows.get("memberships")).isBetween((long) SIZE.users(), SIZE.users() * 3L);
        assertThat(rows.get("comments")).isPositive();
    }

    @Test
    void invoiceDetailIsTheSameFiveWaysAndOneStatementWithTheLibrary() {
        List<InvoiceDetail> read = new ArrayList<>();
        for (long id : Arrays.copyOf(targets.invoices(), 60)) {
            read.add(agree("S1 invoice " + id, w -> w.invoiceDetail(id)));
        }
        assertThat(read).allSatisfy(i -> assertThat(i.organization()).isNotNull());
        assertThat(read).anySatisfy(i -> assertThat(i.assignee()).isNull());
        assertThat(read).anySatisfy(i -> assertThat(i.tags()).isEmpty());
        assertThat(read).anySatisfy(i -> assertThat(i.tags()).hasSizeGreaterThan(1)
                .anySatisfy(t -> assertThat(t.color()).isNull()));
        InvoiceDetail missing = agree("S1 missing invoice", w -> w.invoiceDetail(-1L));
        assertThat(missing).isNull();
    }

    @Test
    void listPageIsTheSameFiveWays() {
        for (long org : Arrays.copyOf(targets.organizations(), 4)) {
            List<InvoiceListItem> page = agree("S2 organization " + org, w -> w.listPage(org, Targets.PAGE_SIZE));
            assertThat(page).hasSize(Targets.PAGE_SIZE);
            assertThat(page).isSortedAccordingTo((x, y) -> x.issuedOn().equals(y.issuedOn())
                    ? Long.compare(y.id(), x.id()) : y.issuedOn().compareTo(x.issuedOn()));
        }
    }

    @Test
    void dashboardIsTheSameFiveWays() {
        for (long org : Arrays.copyOf(targets.organizations(), 4)) {
            Dashboard dashboard = agree("S3 organization " + org, w -> w.dashboard(org, Targets.DASHBOARD_INVOICES));
            assertThat(dashboard.invoices()).hasSize(Targets.DASHBOARD_INVOICES);
            assertThat(dashboard.memberships()).isNotEmpty().allSatisfy(m -> assertThat(m.user()).isNotNull());
        }
    }

    @Test
    void bulkReadIsTheSameFiveWays() {
        for (long first : Arrays.copyOf(targets.bulkStarts(), 2)) {
            long last = first + targets.bulkSize() - 1;
            List<BulkInvoice> bulk = agree("S4 invoices " + first + ".." + last, w -> w.bulk(first, last));
            assertThat(bulk).hasSize(targets.bulkSize());
            assertThat(bulk).allSatisfy(i -> assertThat(i.lineItems()).isNotEmpty());
        }
    }

    @Test
    void commentThreadsAreTheSameFiveWaysThreeLevelsDeep() {
        long[] invoices = Arrays.stream(targets.threadedInvoices()).distinct().limit(20).toArray();
        for (long invoice : invoices) {
            List<CommentThread> threads = agree("S5 invoice " + invoice, w -> w.commentThreads(invoice));
            assertThat(threads).flatMap(CommentThread::replies).flatMap(r -> r.replies()).isNotEmpty()
                    .allSatisfy(leaf -> assertThat(leaf.author()).isNotNull());
        }
        assertThat(invoices).hasSizeGreaterThan(5);
    }

    @Test
    void theLibrarysJsonHasTheShapeOfTheHandWrittenJsonAgg() {
        long invoice = targets.invoices()[0];
        long organization = targets.organizations()[0];
        long threaded = targets.threadedInvoices()[0];
        for (String scenario : List.of("S1", "S2", "S3", "S5")) {
            long target = scenario.equals("S1") ? invoice : scenario.equals("S5") ? threaded : organization;
            String library = ways.library().json(scenario, target);
            String handWritten = ways.jsonAgg().json(scenario, target);
            assertThat(library).as(scenario).isNotNull().hasSizeGreaterThan(50);
            assertThat(JsonShape.of(library)).as(scenario + ": " + library + "\nvs\n" + handWritten)
                    .isEqualTo(JsonShape.of(handWritten));
        }
        assertThat(JsonShape.of(ways.library().json("S1", -1L))).isEqualTo(JsonShape.of(ways.jsonAgg().json("S1", -1L)));
    }
}
