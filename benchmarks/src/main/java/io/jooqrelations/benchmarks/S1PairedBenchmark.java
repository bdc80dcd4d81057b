package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S1 (invoice detail) with (a) this library and (b) hand-written jOOQ MULTISET measured <em>at the same time</em>: a JMH
 * group runs one thread of each in one JVM, each on its own connection and reading the same invoices in the same order.
 * On a shared machine whose speed drifts by 2× from one minute to the next, running the two ways one after the other
 * (as {@link S1InvoiceDetailBenchmark} does) compares the noise more than the ways; here both see the same moments, and
 * a/b is the ratio of the group's two scores ({@code s1:a_library} / {@code s1:b_multiset}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar S1Paired -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S1PairedBenchmark {

    /** One benchmark thread's own connection, ways and cursor over the S1 targets. */
    @State(Scope.Thread)
    public static class Reader {

        private Connection connection;
        private Ways ways;
        private Targets.Cursor invoices;

        @Setup(Level.Trial)
        public void open(Fixture fixture) throws SQLException {
            connection = fixture.db.openConnection();
            ways = Ways.over(DSL.using(BenchmarkDatabase.configuration(connection, new StatementTally())), connection,
                    new StatementTally());
            invoices = new Targets.Cursor(fixture.targets.invoices());
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** (a) this library. */
    @Benchmark
    @Group("s1")
    @GroupThreads(1)
    public InvoiceDetail a_library(Reader reader) {
        return reader.ways.library().invoiceDetail(reader.invoices.next());
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping, at the same time. */
    @Benchmark
    @Group("s1")
    @GroupThreads(1)
    public InvoiceDetail b_multiset(Reader reader) {
        return reader.ways.multiset().invoiceDetail(reader.invoices.next());
    }
}
