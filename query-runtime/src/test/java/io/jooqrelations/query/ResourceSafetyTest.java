package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.SharedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RunsOn(value = DialectChoice.POSTGRES, because = "it times out and streams reads (PostgreSQL only, see DialectSupport) over rows made by generate_series")
class ResourceSafetyTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    /** Invoices for the streaming test; -Dstreaming.invoices=... changes it (the issue asks for 100 000). */
    static final int STREAMED_INVOICES = Integer.getInteger("streaming.invoices", 100_000);

    @Test
    void aTimeoutCancelsTheStatementAndLeavesTheConnectionUsable() {
        NestedReads reads = NestedReads.using(DB.dsl(), RELATIONS);
        long start = System.nanoTime();
        assertThatThrownBy(() -> reads.from(INVOICES).extra("slow", DSL.field("pg_sleep(5)::text", String.class))
                .timeout(Duration.ofSeconds(1)).findMany())
                .isInstanceOf(ReadTimeoutException.class)
                .hasRootCauseMessage("ERROR: canceling statement due to user request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        // the same single connection serves the next read
        assertThat(reads.from(INVOICES).where(INVOICES.NUMBER.in("A-001", "A-002", "G-001")).with("lineItems").findMany())
                .hasSize(3);
        assertThatThrownBy(() -> reads.from(INVOICES).timeout(Duration.ZERO)).isInstanceOf(InvalidReadException.class)
                .hasMessage("timeout(PT0S) on invoices: a timeout must be positive.");
    }

    @Test
    void aDefaultTimeoutOnNestedReadsCancelsEveryReadThatSetsNoneOfItsOwn() {
        NestedReads reads = NestedReads.using(DB.dsl(), RELATIONS).withTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> reads.from(INVOICES).extra("slow", DSL.field("pg_sleep(5)::text", String.class))
                .findManyJson())
                .isInstanceOf(ReadTimeoutException.class)
                .hasRootCauseMessage("ERROR: canceling statement due to user request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        // a read's own timeout wins over the default
        assertThatCode(() -> reads.from(INVOICES).extra("slow", DSL.field("pg_sleep(2)::text", String.class))
                .where(INVOICES.NUMBER.eq("A-001")).timeout(Duration.ofSeconds(10)).findFirst())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> reads.withTimeout(Duration.ofSeconds(-1))).isInstanceOf(InvalidReadException.class)
                .hasMessage("withTimeout(PT-1S): a default statement timeout must be positive.");
    }

    @Test
    void tenThousandReadsInterleavedWithFailuresLeakNoConnectionFromAPoolOfTwo() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(DB.dataSource());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(2_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            NestedReads reads = NestedReads.using(DSL.using(pool, SQLDialect.POSTGRES), RELATIONS);
            int failures = 0;
            for (int i = 0; i < 10_000; i++) {
                if (i % 10 == 0) {
                    try {
                        reads.from(TAGS).where(DSL.condition("1 / (select 0) = 1")).with("invoices").findMany();
                    } catch (DataAccessException expected) {
                        failures++;
                    }
                } else {
                    assertThat(reads.from(TAGS).where(TAGS.ID.eq(1L + i % 3)).with("invoices").findFirst()).isPresent();
                }
            }
            assertThat(failures).isEqualTo(1_000);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void streamingAHundredThousandInvoicesWithLineItemsStaysWithinASmallHeapThatFindManyOverflows() throws Exception {
        DSLContext dsl = DB.dsl();
        dsl.execute("insert into invoices (organization_id, number, total) "
                + "select 1, 'S-' || i, 0 from generate_series(1, " + STREAMED_INVOICES + ") i");
        dsl.execute("insert into invoice_line_items (invoice_id, position, description, quantity, unit_price) "
                + "select i.id, p, 'streamed line item with some text ' || p, p, 9.99 from invoices i, generate_series(1, 3) p "
                + "where i.number like 'S-%'");
        dsl.execute("analyze");
        String url = SharedPostgres.instance().server().jdbcUrl(DB.databaseName());
        String user = SharedPostgres.instance().server().user();
        String password = SharedPostgres.instance().server().password();

        Run streamed = runWithSmallHeap("stream", url, user, password);
        assertThat(streamed.exit()).as(streamed.output()).isZero();
        assertThat(streamed.output()).contains("invoices=" + (STREAMED_INVOICES + 3), "lineItems=" + (STREAMED_INVOICES * 3 + 4));

        Run loadedAtOnce = runWithSmallHeap("findMany", url, user, password);
        assertThat(loadedAtOnce.exit()).as("findMany must not fit the same heap, or the test proves nothing").isNotZero();
        assertThat(loadedAtOnce.output()).contains("OutOfMemoryError");
    }

    record Run(int exit, String output) {
    }

    private static Run runWithSmallHeap(String mode, String url, String user, String password) throws Exception {
        Path log = Files.createTempFile("streaming", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx" + StreamingReadMain.HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StreamingReadMain.class.getName(), mode, url, user, password))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("streaming child JVM did not finish");
        }
        String output = Files.readString(log);
        new File(log.toString()).delete();
        return new Run(process.exitValue(), output);
    }
}
