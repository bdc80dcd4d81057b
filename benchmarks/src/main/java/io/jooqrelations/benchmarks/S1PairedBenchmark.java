package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * S1 (invoice detail) with (a) this library and (b) hand-written jOOQ MULTISET measured <em>interleaved</em> in one
 * JVM and one thread: each operation reads the next invoice both ways, back to back, alternating which way goes first
 * (the second read of a row finds it in warm caches), and times each read with {@link System#nanoTime()}. On a shared
 * machine whose speed drifts by 2× from one minute to the next, running the ways one after the other (as
 * {@link S1InvoiceDetailBenchmark} does) compares the drift more than the ways; here every drift hits both alike.
 * a/b is {@code aNanos / bNanos}; per-read times are {@code aNanos / pairs} and {@code bNanos / pairs}.
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

    /** Nanoseconds spent in each way and the number of pairs, per iteration (JMH reports the sums). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PairTimes {

        public long aNanos;
        public long bNanos;
        public long pairs;
        private boolean libraryFirst;

        @Setup(Level.Iteration)
        public void clear() {
            aNanos = 0;
            bNanos = 0;
            pairs = 0;
        }
    }

    /** One invoice read by (a) and by (b), in alternating order; both results must be equal. */
    @Benchmark
    public void s1_aThenB_or_bThenA(Fixture f, PairTimes times, Blackhole blackhole) {
        long id = f.nextInvoice();
        boolean libraryFirst = times.libraryFirst;
        times.libraryFirst = !libraryFirst;
        InvoiceDetail a;
        InvoiceDetail b;
        if (libraryFirst) {
            long t0 = System.nanoTime();
            a = f.ways.library().invoiceDetail(id);
            long t1 = System.nanoTime();
            b = f.ways.multiset().invoiceDetail(id);
            long t2 = System.nanoTime();
            times.aNanos += t1 - t0;
            times.bNanos += t2 - t1;
        } else {
            long t0 = System.nanoTime();
            b = f.ways.multiset().invoiceDetail(id);
            long t1 = System.nanoTime();
            a = f.ways.library().invoiceDetail(id);
            long t2 = System.nanoTime();
            times.bNanos += t1 - t0;
            times.aNanos += t2 - t1;
        }
        times.pairs++;
        if (!Objects.equals(a, b)) {
            throw new IllegalStateException("(a) and (b) read invoice " + id + " differently: " + a + " vs " + b);
        }
        blackhole.consume(a);
        blackhole.consume(b);
    }
}
