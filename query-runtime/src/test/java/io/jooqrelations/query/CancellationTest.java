package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jooqrelations.test.MigratedDatabase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interrupting the thread of a running read (as {@code Future.cancel(true)} does) cancels its statement in the
 * database: the read ends at once with a {@link ReadCancelledException}, and its connection goes back to the pool.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "it cancels pg_sleep through PostgreSQL's statement timeout (timeouts are PostgreSQL only, see DialectSupport)")
class CancellationTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase().withData(ExampleData::load);

    /** A read that takes ten seconds in the database: every invoice waits in an extra. */
    private static Read<?> slowRead(NestedReads reads) {
        return reads.from(INVOICES).where(INVOICES.ID.eq(ExampleData.INV_1))
                .extra("slow", DSL.field("(select 1 from pg_sleep(10))", Integer.class)).with("lineItems");
    }

    @Test
    void cancellingARunningReadFromAnotherThreadEndsItWithinASecondAndFreesItsConnection() throws Exception {
        assertCancels(reads -> slowRead(reads).findMany());
        assertCancels(reads -> slowRead(reads).findManyJson());
        assertCancels(reads -> slowRead(reads).strategy(ReadStrategy.QUERY_PER_LEVEL).findMany());
        assertCancels(reads -> slowRead(reads).prepare().findMany(java.util.Map.of()));
        // a stream reads in a transaction, on the transaction's configuration
        assertCancels(reads -> reads.dsl().transactionResult(transaction -> {
            try (java.util.stream.Stream<?> rows = slowRead(NestedReads.using(DSL.using(transaction), RELATIONS))
                    .stream(1)) {
                return rows.toList();
            }
        }));
    }

    private void assertCancels(Function<NestedReads, Object> run) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setDataSource(DB.dataSource());
        config.setMaximumPoolSize(2);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            NestedReads reads = NestedReads.using(DSL.using(pool, SQLDialect.POSTGRES), RELATIONS);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean interruptedAfterwards = new AtomicBoolean();
            Future<?> future = executor.submit(() -> {
                try {
                    started.countDown();
                    run.apply(reads);
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    interruptedAfterwards.set(Thread.currentThread().isInterrupted());
                    ended.countDown();
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500); // let the statement reach the database
            long cancelledAt = System.nanoTime();
            future.cancel(true);
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
            assertThat(millis).as("time from cancel(true) to the end of the read").isLessThan(1000);
            assertThat(failure.get()).isInstanceOf(ReadCancelledException.class)
                    .hasMessageStartingWith("The read was cancelled: its thread was interrupted while the statement ran");
            assertThat(interruptedAfterwards).isTrue();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            // the pool's connections are fine for the next read
            assertThat(NestedReads.using(DSL.using(pool, SQLDialect.POSTGRES), RELATIONS).from(INVOICES).findMany())
                    .isNotEmpty();
        } finally {
            executor.shutdownNow();
        }
    }
}
